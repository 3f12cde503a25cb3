import Contract
import Domain
import Foundation
import Hummingbird

/// The dashboard: filters, then one card per figure, each with its chart and a CSV
/// link (`dashboard.mustache`, `card.mustache`), in the page's language.
struct DashboardPage {
    let user: String
    let signOutCSRF: String
    let query: DashboardQuery
    let window: Domain.TimeWindow
    let data: DashboardData
    let now: Date
    let context: PageContext
    /// Whether the header links to the team lead's screen (leads and the director).
    var teamLink = false
    /// Signed in as an employee: the header links to the people pages.
    var employee = false
    /// HR and the director see the link to invite employees (`/invitations`).
    var mayInvite = false
    /// The director sees the link to the API tokens (`/settings/api-tokens`).
    var apiTokensLink = false
    /// The signed-in employee's webhook subscriptions that were switched off.
    var webhookNotices: [Webhooks.Subscription] = []

    var t: Messages { context.t }
    var language: Language { context.language }

    func render() -> Response {
        let cards =
            [headline(), trend()] + breakdowns() + [
                firstResponse(), resolution(), escalations(), engagement(), ranking(), followUps(), themes(),
                goodwill(), wall(), stories(),
            ]
        let days = DashboardQuery.dayChoices.map {
            [
                "value": String($0), "selected": $0 == query.days,
                "label": t.format("dash_last_days", ["days": String($0)]),
            ]
                as [String: Any]
        }
        let groups =
            [["value": "all", "selected": query.group == "all", "label": t["dash_every_grouping"]] as [String: Any]]
            + DashboardQuery.groups.map {
                [
                    "value": $0.slug, "selected": $0.slug == query.group,
                    "label": t.format("dash_nps_by", ["group": t["group_" + $0.slug]]),
                ] as [String: Any]
            }
        let last = window.to.addingTimeInterval(-1)
        let values: [String: Any] = [
            "csrf": signOutCSRF, "user": user, "invite": mayInvite, "days": days, "groups": groups,
            "min": String(query.minResponses), "teams": teamChoices,
            "period": language.date(window.from, in: window.timeZone) + " – "
                + language.date(last, in: window.timeZone),
            "cards": cards.map(\.values), "team_link": teamLink, "employee": employee,
            "api_tokens_link": apiTokensLink,
            "webhook_notices": webhookNotices.map { subscription in
                t.format(
                    "dash_webhook_disabled",
                    [
                        "url": subscription.url ?? "", "reason": subscription.disabled_reason ?? "",
                        "date": language.date(
                            Date(unixMilliseconds: subscription.disabled_at_ms ?? 0), in: window.timeZone),
                    ])
            },
        ]
        return HTML.page("dashboard", values, title: t["dash_page_title"], context: context, wide: true)
    }

    /// A card titled `title` with the CSV link of `csv` (the filters go along).
    func card(_ title: String, csv: String?) -> DashboardCard {
        DashboardCard(title, csv: csv.map { "/dashboard/csv/\($0)?\(query.queryString)" })
    }

    /// A card that could not be filled: the service that is not answering, or the error it gave.
    func unavailable<Value: Sendable>(_ title: String, csv: String?, _ section: Section<Value>) -> DashboardCard {
        var card = card(title, csv: csv)
        switch section {
        case .down(let service): card.paragraph(t.format("dash_not_answering", ["service": service]), class: "muted")
        case .unavailable(let reason): card.paragraph(t.format("dash_unavailable", ["reason": reason]), class: "muted")
        case .ready: break
        }
        return card
    }

    private func headline() -> DashboardCard {
        guard case .ready(let reply) = data.total else { return unavailable(t["dash_nps_now"], csv: nil, data.total) }
        var card = card(t["dash_nps_now"], csv: "nps")
        guard let total = reply.total, let nps = total.nps else {
            card.paragraph("–", class: "big")
            card.paragraph(t.format("dash_no_answers", ["days": String(query.days)]), class: "muted")
            return card
        }
        let n = total.n ?? 0
        card.paragraph(language.number(nps), class: "big", id: "nps-now")
        card.paragraph(
            t.format(
                n == 1 ? "dash_interval_one" : "dash_interval",
                [
                    "lower": language.number(total.lower ?? nps), "upper": language.number(total.upper ?? nps),
                    "n": language.number(n), "days": String(query.days),
                ]), id: "nps-interval")
        card.paragraph(
            t.format(
                "dash_mix",
                [
                    "promoters": language.number(total.promoters ?? 0),
                    "passives": language.number(total.passives ?? 0),
                    "detractors": language.number(total.detractors ?? 0),
                ]), class: "muted")
        comparisons(into: &card)
        return card
    }

    private func trend() -> DashboardCard {
        guard case .ready(let reply) = data.trend else {
            return unavailable(t["dash_trend_short"], csv: "trend", data.trend)
        }
        var card = card(t["dash_trend"], csv: "trend")
        let points = reply.points.map {
            TrendChart.Point(day: day($0.day), value: $0.value, lower: $0.lower, upper: $0.upper, n: $0.n ?? 0)
        }
        card.svg(TrendChart.svg(points, empty: t["dash_trend_empty"], label: t["dash_trend"]))
        if let delta = reply.delta {
            card.paragraph(
                t.format(
                    "dash_delta",
                    [
                        "days": String(query.days),
                        "delta": (delta >= 0 ? "+" : "") + language.number(delta, decimals: 1),
                    ]),
                class: "muted")
        }
        return card
    }

    private func breakdowns() -> [DashboardCard] {
        data.breakdowns.map { breakdown in
            let title = t.format("dash_nps_by", ["group": t["group_" + breakdown.slug]])
            guard case .ready(let reply) = breakdown.reply else {
                return unavailable(title, csv: "nps-\(breakdown.slug)", breakdown.reply)
            }
            var card = card(title, csv: "nps-\(breakdown.slug)")
            card.svg(
                IntervalChart.svg(reply.rows.compactMap(\.intervalRow), label: title, empty: t["dash_trend_empty"]))
            return card
        }
    }

    private func firstResponse() -> DashboardCard {
        guard case .ready(let reply) = data.firstResponse else {
            return unavailable(t["dash_first_response_short"], csv: "first-response", data.firstResponse)
        }
        var card = card(t["dash_first_response"], csv: "first-response")
        let rows = reply.rows.map { row in
            ShareChart.Row(
                label: row.key?.label ?? "total", share: row.within_target_share,
                detail: "\(row.within_target ?? 0)/\((row.answered ?? 0) + (row.overdue ?? 0))")
        }
        card.svg(ShareChart.svg(rows, label: t["dash_first_response"], empty: t["dash_no_tickets"]))
        return card
    }

    /// An analytics day (`2026-12-06`) as the page's language writes it; as it came when it is no day.
    func day(_ text: String?) -> String {
        guard let text, let day = try? LocalDate(text) else { return text ?? "" }
        return language.date(day.start(in: window.timeZone), in: window.timeZone)
    }

    /// How long something has waited: "3 d 4 h", "5 h 10 min", "12 min" in the page's language.
    func waited(ms: Int64) -> String { t.duration(ms: ms) }
}

import Contract
import Domain
import Foundation

extension DashboardPage {
    /// Personal NPS: ranked by the interval's lower bound, with the not-yet-rankable list.
    func ranking() -> DashboardCard {
        guard case .ready(let reply) = data.ranking else {
            return unavailable(t["dash_ranking_short"], csv: "ranking", data.ranking)
        }
        var card = card(t["dash_ranking"], csv: "ranking")
        let rows = reply.ranked.map {
            IntervalChart.Row(
                label: "\($0.rank ?? 0). \($0.name)", nps: $0.nps ?? 0, lower: $0.lower ?? 0, upper: $0.upper ?? 0,
                n: $0.n ?? 0)
        }
        card.svg(IntervalChart.svg(rows, label: t["dash_ranking"], empty: t["dash_trend_empty"]))
        if !reply.not_yet_rankable.isEmpty {
            card.heading(t.format("dash_not_rankable", ["min": String(reply.min_responses ?? query.minResponses)]))
            card.table(
                [t["col_colleague"], t["col_answers"], t["col_needed"]],
                reply.not_yet_rankable.map {
                    [$0.name, language.number($0.n ?? 0), language.number($0.responses_needed ?? 0)]
                }, numeric: [1, 2])
        }
        return card
    }

    /// Goodwill granted in the window, per kind of gesture and currency.
    func goodwill() -> DashboardCard {
        guard case .ready(let reply) = data.goodwill else {
            return unavailable(t["dash_goodwill"], csv: "goodwill", data.goodwill)
        }
        var card = card(t["dash_goodwill"], csv: "goodwill")
        func amount(_ money: Money?) -> String { money.map(language.money) ?? "–" }
        guard !reply.rows.isEmpty else {
            card.paragraph(t["dash_goodwill_none"], class: "muted")
            return card
        }
        card.paragraph(
            t.format(
                "dash_goodwill_total", ["amounts": reply.totals.map { amount($0.amount) }.joined(separator: " · ")]))
        card.table(
            [t["col_gesture"], t["col_granted"], t["col_refused"], t["col_amount"]],
            reply.rows.map {
                [
                    $0.key?.label ?? "", language.number($0.granted ?? 0), language.number($0.refused ?? 0),
                    amount($0.amount),
                ]
            }, numeric: [1, 2, 3])
        return card
    }

    /// The compliment wall: consented quotes only (feedback filters them).
    func wall() -> DashboardCard {
        guard case .ready(let reply) = data.wall else {
            return unavailable(t["dash_wall"], csv: "compliments", data.wall)
        }
        var card = card(t["dash_wall"], csv: "compliments")
        if reply.compliments.isEmpty { card.paragraph(t["dash_wall_none"], class: "muted") }
        for compliment in reply.compliments {
            card.quote(compliment.text ?? "", by: nonEmpty(compliment.customer_display_name))
        }
        return card
    }

    /// The latest WOW stories.
    func stories() -> DashboardCard {
        guard case .ready(let reply) = data.stories else {
            return unavailable(t["dash_stories"], csv: "stories", data.stories)
        }
        var card = card(t["dash_stories"], csv: "stories")
        if reply.stories.isEmpty { card.paragraph(t["dash_stories_none"], class: "muted") }
        for story in reply.stories { card.story(story.title ?? "", story.body ?? "") }
        return card
    }
}

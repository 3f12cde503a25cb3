import Contract
import Domain
import Foundation
import Hummingbird

/// The dashboard's HTML: filters, then one card per figure, each with its chart and
/// a CSV link. Every text from customers or staff goes through `HTML.escape`.
struct DashboardPage {
    let user: String
    let signOutCSRF: String
    let query: DashboardQuery
    let window: Domain.TimeWindow
    let data: DashboardData
    let now: Date

    func render() -> Response {
        let cards = [
            headline(), trend(), breakdowns(), firstResponse(), ranking(), followUps(), themes(), goodwill(), wall(),
            stories(),
        ]
        let body = """
            <header class="bar"><h1>Customer happiness</h1>
            <form method="post" action="/signout">\(HTML.hidden("csrf", signOutCSRF))<span class="muted">\(HTML.escape(user))</span> <button type="submit">Sign out</button></form></header>
            \(filters())
            <div class="grid">\(cards.joined(separator: "\n"))</div>
            """
        return HTML.page("Dashboard", body, wide: true)
    }

    private func filters() -> String {
        let days = DashboardQuery.dayChoices.map {
            #"<option value="\#($0)"\#($0 == query.days ? " selected" : "")>last \#($0) days</option>"#
        }
        let groups = [("all", "every grouping")] + DashboardQuery.groups.map { ($0.slug, $0.title) }
        let options = groups.map {
            #"<option value="\#($0.0)"\#($0.0 == query.group ? " selected" : "")>NPS by \#($0.1)</option>"#
        }
        return """
            <form method="get" action="/dashboard" class="card filters">
            <label>Window <select name="days">\(days.joined())</select></label>
            <label>Grouping <select name="group">\(options.joined())</select></label>
            <label>Min. answers to rank <input type="text" name="min" value="\(query.minResponses)" size="3" inputmode="numeric"></label>
            <button class="primary" type="submit">Show</button>
            </form>
            """
    }

    func card(_ title: String, csv: String?, _ content: String) -> String {
        let link =
            csv.map { #"<a class="csv" href="/dashboard/csv/\#($0)?\#(query.queryString)" download>CSV</a>"# } ?? ""
        return #"<section class="card" id="\#(csv ?? "")">\#(link)<h2>\#(HTML.escape(title))</h2>\#(content)</section>"#
    }

    func unavailable(_ reason: String) -> String {
        #"<p class="muted">Not available right now (\#(HTML.escape(reason))).</p>"#
    }

    private func headline() -> String {
        guard case .ready(let reply) = data.total else {
            if case .unavailable(let reason) = data.total { return card("NPS now", csv: nil, unavailable(reason)) }
            return ""
        }
        guard let total = reply.total, let nps = total.nps else {
            return card(
                "NPS now", csv: "nps",
                "<p class=\"big\">–</p><p class=\"muted\">No answers in the last \(query.days) days.</p>")
        }
        return card(
            "NPS now", csv: "nps",
            """
            <p class="big" id="nps-now">\(SVG.number(nps, 0))</p>
            <p id="nps-interval">95% interval \(SVG.number(total.lower ?? nps, 0))…\(SVG.number(total.upper ?? nps, 0)) · \(total.n ?? 0) \(total.n == 1 ? "answer" : "answers") in the last \(query.days) days</p>
            <p class="muted">\(total.promoters ?? 0) promoters · \(total.passives ?? 0) passives · \(total.detractors ?? 0) detractors</p>
            """)
    }

    private func trend() -> String {
        switch data.trend {
        case .unavailable(let reason): return card("Daily NPS", csv: "trend", unavailable(reason))
        case .ready(let reply):
            let points = reply.points.map {
                TrendChart.Point(day: $0.day ?? "", value: $0.value, lower: $0.lower, upper: $0.upper, n: $0.n ?? 0)
            }
            let delta =
                reply.delta.map {
                    "<p class=\"muted\">Compared with the \(query.days) days before: \($0 >= 0 ? "+" : "")\(SVG.number($0))</p>"
                } ?? ""
            return card("Daily NPS with its 95% interval", csv: "trend", TrendChart.svg(points) + delta)
        }
    }

    private func breakdowns() -> String {
        data.breakdowns.map { breakdown in
            switch breakdown.reply {
            case .unavailable(let reason):
                return card("NPS by \(breakdown.title)", csv: "nps-\(breakdown.slug)", unavailable(reason))
            case .ready(let reply):
                let rows = reply.rows.compactMap(\.intervalRow)
                return card(
                    "NPS by \(breakdown.title)", csv: "nps-\(breakdown.slug)",
                    IntervalChart.svg(rows, label: "NPS by \(breakdown.title)"))
            }
        }.joined(separator: "\n")
    }

    private func firstResponse() -> String {
        switch data.firstResponse {
        case .unavailable(let reason):
            return card("First response within target", csv: "first-response", unavailable(reason))
        case .ready(let reply):
            let rows = reply.rows.map { row in
                ShareChart.Row(
                    label: row.key?.label ?? "total", share: row.within_target_share,
                    detail: "\(row.within_target ?? 0)/\((row.answered ?? 0) + (row.overdue ?? 0))")
            }
            return card(
                "First response within target, per channel", csv: "first-response",
                ShareChart.svg(rows, label: "First response within target per channel"))
        }
    }
}

import Contract
import Domain
import Foundation

extension DashboardPage {
    /// Personal NPS: ranked by the interval's lower bound, with the not-yet-rankable list.
    func ranking() -> String {
        switch data.ranking {
        case .unavailable(let reason): return card("Personal NPS", csv: "ranking", unavailable(reason))
        case .ready(let reply):
            let rows = reply.ranked.map {
                IntervalChart.Row(
                    label: "\($0.rank ?? 0). \($0.name)", nps: $0.nps ?? 0, lower: $0.lower ?? 0, upper: $0.upper ?? 0,
                    n: $0.n ?? 0)
            }
            let waiting = reply.not_yet_rankable.map {
                "<tr><td>\(HTML.escape($0.name))</td><td class=\"n\">\($0.n ?? 0)</td><td class=\"n\">\($0.responses_needed ?? 0)</td></tr>"
            }
            let table =
                waiting.isEmpty
                ? ""
                : """
                <h3>Not yet rankable (fewer than \(reply.min_responses ?? query.minResponses) answers)</h3>
                <table><tr><th>Colleague</th><th>Answers</th><th>Still needed</th></tr>\(waiting.joined())</table>
                """
            return card(
                "Personal NPS ranking (by lower bound)", csv: "ranking",
                IntervalChart.svg(rows, label: "Personal NPS ranking") + table)
        }
    }

    /// Goodwill granted in the window, per kind of gesture and currency.
    func goodwill() -> String {
        switch data.goodwill {
        case .unavailable(let reason): return card("Goodwill spend", csv: "goodwill", unavailable(reason))
        case .ready(let reply):
            func amount(_ money: Money?) -> String { money?.formatted() ?? "–" }
            let rows = reply.rows.map {
                "<tr><td>\(HTML.escape($0.key?.label ?? ""))</td><td class=\"n\">\($0.granted ?? 0)</td><td class=\"n\">\($0.refused ?? 0)</td><td class=\"n\">\(HTML.escape(amount($0.amount)))</td></tr>"
            }
            let totals = reply.totals.map { "<strong>\(HTML.escape(amount($0.amount)))</strong>" }.joined(
                separator: " · ")
            let content =
                rows.isEmpty
                ? "<p class=\"muted\">No gestures in this window.</p>"
                : """
                <p>Total granted: \(totals)</p>
                <table><tr><th>Gesture</th><th>Granted</th><th>Refused</th><th>Amount</th></tr>\(rows.joined())</table>
                """
            return card("Goodwill spend", csv: "goodwill", content)
        }
    }

    /// The compliment wall: consented quotes only (feedback filters them).
    func wall() -> String {
        switch data.wall {
        case .unavailable(let reason): return card("Compliments wall", csv: "compliments", unavailable(reason))
        case .ready(let reply):
            let quotes = reply.compliments.map { compliment in
                let who = compliment.customer_display_name.map { " — " + HTML.escape($0) } ?? ""
                return
                    "<blockquote class=\"quote\">“\(HTML.escape(compliment.text ?? ""))”<span class=\"muted\">\(who)</span></blockquote>"
            }
            return card(
                "Compliments wall", csv: "compliments",
                quotes.isEmpty ? "<p class=\"muted\">No compliments yet.</p>" : quotes.joined())
        }
    }

    /// The latest WOW stories.
    func stories() -> String {
        switch data.stories {
        case .unavailable(let reason): return card("WOW stories", csv: "stories", unavailable(reason))
        case .ready(let reply):
            let items = reply.stories.map { story in
                "<article><h3>\(HTML.escape(story.title ?? ""))</h3><p>\(HTML.escape(story.body ?? ""))</p></article>"
            }
            return card(
                "WOW stories", csv: "stories", items.isEmpty ? "<p class=\"muted\">No stories yet.</p>" : items.joined()
            )
        }
    }
}

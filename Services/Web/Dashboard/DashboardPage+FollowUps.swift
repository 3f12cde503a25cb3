import Contract
import Domain
import Foundation

extension DashboardPage {
    /// Detractor follow-ups not yet closed, oldest first, with their age.
    func followUps() -> String {
        switch data.followUps {
        case .unavailable(let reason):
            return card("Detractor follow-ups", csv: "follow-ups", unavailable(reason) + failed())
        case .ready(let reply):
            let nowMs = Int64(now.timeIntervalSince1970 * 1000)
            let failedCount = if case .ready(let failed) = data.failedFollowUps { failed.follow_ups.count } else { 0 }
            let rows = reply.follow_ups.map { followUp in
                let channel = followUp.attribution?.channel.map { $0.displayName } ?? ""
                return
                    "<tr><td>\(HTML.escape(followUp.response_id ?? ""))</td><td class=\"n\">\(followUp.score.map(String.init) ?? "")</td><td>\(followUp.status.map { "\($0)" } ?? "")</td><td>\(HTML.escape(channel))</td><td class=\"n\">\(age(ms: nowMs - (followUp.requested_at_ms ?? nowMs)))</td></tr>"
            }
            let content =
                rows.isEmpty && failedCount == 0
                ? "<p class=\"muted\">No open follow-ups. Every unhappy customer has been helped.</p>"
                : """
                <p><strong>\(rows.count)\(reply.next_page_token?.isEmpty == false ? "+" : "")</strong> open</p>
                <table><tr><th>Answer</th><th>Score</th><th>Status</th><th>Channel</th><th>Age</th></tr>\(rows.joined())</table>
                """
            return card("Detractor follow-ups open", csv: "follow-ups", content + failed())
        }
    }

    /// Follow-ups no longer retried, with the reason, for a lead to act on (find a
    /// way to reach the customer, fix the data); empty when there are none.
    func failed() -> String {
        switch data.failedFollowUps {
        case .unavailable(let reason): return "<h3>Failed follow-ups</h3>" + unavailable(reason)
        case .ready(let reply):
            guard !reply.follow_ups.isEmpty else { return "" }
            let rows = reply.follow_ups.map { followUp in
                "<tr><td>\(HTML.escape(followUp.response_id ?? ""))</td><td class=\"n\">\(followUp.score.map(String.init) ?? "")</td><td>\(HTML.escape(followUp.last_error ?? ""))</td></tr>"
            }
            return """
                <h3>Failed follow-ups: a lead must act (\(rows.count)\(reply.next_page_token?.isEmpty == false ? "+" : ""))</h3>
                <table><tr><th>Answer</th><th>Score</th><th>Reason</th></tr>\(rows.joined())</table>
                """
        }
    }
}

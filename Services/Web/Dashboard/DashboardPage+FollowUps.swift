import Contract
import Domain
import Foundation

extension DashboardPage {
    /// Detractor follow-ups not yet closed, oldest first, with their age; then the failed ones.
    func followUps() -> DashboardCard {
        guard case .ready(let reply) = data.followUps else {
            var card = unavailable(t["dash_follow_ups_short"], csv: "follow-ups", data.followUps)
            failed(into: &card)
            return card
        }
        var card = card(t["dash_follow_ups"], csv: "follow-ups")
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        let failedCount = if case .ready(let failed) = data.failedFollowUps { failed.follow_ups.count } else { 0 }
        if reply.follow_ups.isEmpty && failedCount == 0 {
            card.paragraph(t["dash_follow_ups_none"], class: "muted")
        } else {
            let more = reply.next_page_token?.isEmpty == false ? "+" : ""
            card.paragraph(t["dash_open"], lead: language.number(reply.follow_ups.count) + more)
            let details = reply.follow_ups.map { data.followUpDetails[$0.response_id ?? ""] }
            card.table(
                [
                    t["col_answer"], t["col_customer"], t["col_comment"], t["col_score"], t["col_owner"],
                    t["col_status"], t["col_channel"], t["col_age"],
                ],
                zip(reply.follow_ups, details).map { followUp, detail -> [String] in
                    let score: String = followUp.score.map { String($0) } ?? ""
                    let status: String = followUp.status.map { "\($0)" } ?? ""
                    let channel: String = followUp.attribution?.channel?.displayName ?? ""
                    let waited: String = waited(ms: nowMs - (followUp.requested_at_ms ?? nowMs))
                    return [
                        followUp.response_id ?? "", detail?.customer ?? "", detail?.comment ?? "", score,
                        detail?.owner ?? "", status, channel, waited,
                    ]
                }, numeric: [3, 7],
                links: [0: details.map { $0?.ticketID.map { "/tickets/\($0)" } }])
        }
        failed(into: &card)
        return card
    }

    /// Follow-ups no longer retried, with the reason, for a lead to act on (find a
    /// way to reach the customer, fix the data); nothing when there are none.
    func failed(into card: inout DashboardCard) {
        switch data.failedFollowUps {
        case .ready(let reply):
            guard !reply.follow_ups.isEmpty else { return }
            let more = reply.next_page_token?.isEmpty == false ? "+" : ""
            card.heading(t.format("dash_failed", ["count": language.number(reply.follow_ups.count) + more]))
            card.table(
                [t["col_answer"], t["col_score"], t["col_reason"]],
                reply.follow_ups.map { followUp -> [String] in
                    let score: String = followUp.score.map { String($0) } ?? ""
                    return [followUp.response_id ?? "", score, followUp.last_error ?? ""]
                }, numeric: [1])
        default:
            card.heading(t["dash_failed_short"])
            card.blocks += unavailable("", csv: nil, data.failedFollowUps).blocks
        }
    }
}

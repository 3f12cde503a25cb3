import Bus
import Contract
import Foundation
import ServiceKit

extension FeedbackSQLStore {
    func invitations(_ request: InvitationFilter, page: Page) async throws -> Feedback.ListInvitationsReply {
        let now = nowMs
        return try await database.read(FeedbackSQLReader.self) { reader in
            var filter = Filter(reader.session.dialect)
            filter.equal("ticket_id", request.ticketID)
            filter.equal("customer_id", request.customerID)
            filter.window("created_at_ms", request.created)
            if !request.statuses.isEmpty {
                filter.add(
                    Self.statusSQL + " IN (\(request.statuses.map { _ in "?" }.joined(separator: ", ")))",
                    list: [now, now] + request.statuses.map { Int64($0.rawValue) })
            }
            let rows = try reader.session.rows(
                "SELECT body FROM invitation \(filter.sql) ORDER BY created_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
                filter.arguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(rows)
            return Feedback.ListInvitationsReply(
                invitations: try kept.map { InvitationRules.asOf(now, try Feedback.Invitation(row: $0)) },
                next_page_token: next)
        }
    }

    /// `InvitationRules.asOf` in SQL: ANSWERED and SUPPRESSED are stored; the rest
    /// follows from the clock (SCHEDULED before send_at, OPEN until expires_at, then EXPIRED).
    static let statusSQL = """
        (CASE WHEN stored_status IN (3, 5) THEN stored_status WHEN ? >= expires_at_ms THEN 4 \
        WHEN ? >= send_at_ms THEN 2 ELSE 1 END)
        """
}

import Bus
import Contract
import Foundation
import ServiceKit

extension FeedbackSQLStore {
    func followUps(_ request: FollowUpFilter, page: Page) async throws -> Feedback.ListFollowUpsReply {
        try await database.read(FeedbackSQLReader.self) { reader in
            var filter = Filter(reader.session.dialect)
            filter.any("status", request.statuses.map { $0.rawValue })
            filter.window("requested_at_ms", request.requested)
            let rows = try reader.session.rows(
                "SELECT body FROM follow_up \(filter.sql) ORDER BY requested_at_ms, rowid LIMIT ? OFFSET ?",
                filter.arguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(rows)
            return Feedback.ListFollowUpsReply(
                follow_ups: try kept.map { try Feedback.FollowUp(row: $0) }, next_page_token: next)
        }
    }
}

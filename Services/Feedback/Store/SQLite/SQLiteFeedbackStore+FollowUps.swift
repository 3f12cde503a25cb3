import Bus
import Contract
import Foundation
import GRDB
import ServiceKit

extension SQLiteFeedbackStore {
    func followUps(_ request: FollowUpFilter, page: Page) async throws -> Feedback.ListFollowUpsReply {
        try await store.read { db in
            var filter = Filter()
            filter.any("status", request.statuses.map { $0.rawValue })
            filter.window("requested_at_ms", request.requested)
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT body FROM follow_up \(filter.sql) ORDER BY requested_at_ms, rowid LIMIT ? OFFSET ?",
                arguments: filter.statementArguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(rows)
            return Feedback.ListFollowUpsReply(
                follow_ups: try kept.map { try Feedback.FollowUp(row: $0) }, next_page_token: next)
        }
    }
}

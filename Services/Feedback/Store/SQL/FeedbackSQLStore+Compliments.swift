import Bus
import Contract
import Domain
import Foundation
import ServiceKit

extension FeedbackSQLStore {
    func complimentWall(_ request: ComplimentFilter, page: Page) async throws -> Feedback.ListComplimentWallReply {
        try await database.read(FeedbackSQLReader.self) { reader in
            var filter = Filter(reader.session.dialect)
            filter.add("consent = 1")
            filter.equal("employee_id", request.employeeID)
            filter.equal("team_id", request.teamID)
            filter.contains("value_ids", request.valueID)
            let rows = try reader.session.rows(
                "SELECT body FROM compliment \(filter.sql) ORDER BY received_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
                filter.arguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(rows)
            return Feedback.ListComplimentWallReply(
                compliments: try kept.map { try Feedback.Compliment(row: $0) }, next_page_token: next)
        }
    }
}

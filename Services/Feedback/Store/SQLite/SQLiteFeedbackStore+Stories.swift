import Bus
import Contract
import Domain
import Foundation
import GRDB
import ServiceKit

extension SQLiteFeedbackStore {
    func stories(_ request: StoryFilter, page: Page) async throws -> Feedback.ListStoriesReply {
        try await store.read { db in
            let reader = SQLiteFeedbackReader(db: db)
            var filter = Filter()
            filter.text(["title", "story_body"], request.text)
            filter.contains("employee_ids", request.employeeID)
            filter.contains("team_ids", request.teamID)
            filter.contains("value_ids", request.valueID)
            filter.window("created_at_ms", request.created)
            let ids = try String.fetchAll(
                db,
                sql:
                    "SELECT story_id FROM story \(filter.sql) ORDER BY created_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
                arguments: filter.statementArguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(ids)
            return Feedback.ListStoriesReply(
                stories: try kept.compactMap { try reader.story(id: $0) }, next_page_token: next)
        }
    }
}

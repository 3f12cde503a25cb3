import Bus
import Contract
import Domain
import Foundation
import ServiceKit

extension FeedbackSQLStore {
    func stories(_ request: StoryFilter, page: Page) async throws -> Feedback.ListStoriesReply {
        try await database.read(FeedbackSQLReader.self) { reader in
            var filter = Filter(reader.session.dialect)
            filter.text(["title", "story_body"], request.text)
            filter.contains("employee_ids", request.employeeID)
            filter.contains("team_ids", request.teamID)
            filter.contains("value_ids", request.valueID)
            filter.window("created_at_ms", request.created)
            let ids = try reader.session.rows(
                "SELECT story_id FROM story \(filter.sql) ORDER BY created_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
                filter.arguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(ids)
            return Feedback.ListStoriesReply(
                stories: try kept.compactMap { try reader.story(id: $0["story_id"]) }, next_page_token: next)
        }
    }
}

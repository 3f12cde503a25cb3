import Bus
import Contract
import Domain
import Foundation
import GRDB
import ServiceKit

extension SQLiteFeedbackStore: StoryStore {
    func createStory(_ draft: Feedback.Story, idempotencyKey: String?) async throws -> Feedback.Story {
        try await write("CreateStory", idempotencyKey: idempotencyKey) { change in
            var story = draft
            story.story_id = StoryID.random().rawValue
            story.created_at_ms = change.nowMs
            story.reactions = []
            try change.db.execute(
                sql: """
                    INSERT INTO story (story_id, title, story_body, employee_ids, team_ids, value_ids, created_at_ms, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    story.story_id, story.title, story.body, listColumn(story.employee_ids), listColumn(story.team_ids),
                    listColumn(story.value_ids), story.created_at_ms, try story.blob(),
                ])
            try change.record(
                "story.created", subject: try story.story_id.stored("story_id"),
                Feedback.StoryCreated(
                    story_id: story.story_id, employee_ids: story.employee_ids, team_ids: story.team_ids,
                    ticket_id: story.ticket_id, value_ids: story.value_ids, shared_by_id: story.shared_by_id,
                    created_at_ms: story.created_at_ms))
            return Feedback.CreateStoryReply(story: story)
        }.story.stored("story")
    }

    func story(id: String) async throws -> Feedback.Story {
        try await read { db in try Self.story(id, in: db) }
    }

    /// One reaction of each kind per colleague: reacting twice (or removing a
    /// reaction that is not there) changes nothing and records nothing.
    func react(storyID: String, employeeID: String, kind: Feedback.ReactionKind, remove: Bool) async throws
        -> Feedback.Story
    {
        try await write("ReactToStory") { change in
            _ = try Self.story(storyID, in: change.db)
            let arguments: StatementArguments = [storyID, employeeID, kind.rawValue]
            if remove {
                try change.db.execute(
                    sql: "DELETE FROM story_reaction WHERE story_id = ? AND employee_id = ? AND kind = ?",
                    arguments: arguments)
            } else {
                try change.db.execute(
                    sql: "INSERT OR IGNORE INTO story_reaction (story_id, employee_id, kind) VALUES (?, ?, ?)",
                    arguments: arguments)
            }
            if change.db.changesCount > 0 {
                try change.record(
                    "story.reacted", subject: storyID,
                    Feedback.StoryReacted(story_id: storyID, employee_id: employeeID, kind: kind, removed: remove))
            }
            return Feedback.ReactToStoryReply(story: try Self.story(storyID, in: change.db))
        }.story.stored("story")
    }

    func stories(_ request: Feedback.ListStoriesRequest, page: Page) async throws -> Feedback.ListStoriesReply {
        try await read { db in
            var filter = Filter()
            filter.text(["title", "story_body"], request.text)
            filter.contains("employee_ids", request.employee_id)
            filter.contains("team_ids", request.team_id)
            filter.contains("value_ids", request.value_id)
            filter.window("created_at_ms", request.window?.bounds)
            let ids = try String.fetchAll(
                db,
                sql:
                    "SELECT story_id FROM story \(filter.sql) ORDER BY created_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
                arguments: filter.statementArguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(ids)
            return Feedback.ListStoriesReply(
                stories: try kept.map { try Self.story($0, in: db) }, next_page_token: next)
        }
    }

    /// The story with its reaction counts.
    static func story(_ id: String, in db: Database) throws -> Feedback.Story {
        guard let row = try Row.fetchOne(db, sql: "SELECT body FROM story WHERE story_id = ?", arguments: [id]) else {
            throw StoreError.notFound("story", id)
        }
        var story = try Feedback.Story(row: row)
        story.reactions = try Row.fetchAll(
            db, sql: "SELECT kind, COUNT(*) AS n FROM story_reaction WHERE story_id = ? GROUP BY kind ORDER BY kind",
            arguments: [id]
        ).map { Feedback.ReactionCount(kind: Feedback.ReactionKind(rawValue: $0["kind"]), count: $0["n"]) }
        return story
    }
}

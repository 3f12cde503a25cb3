import Contract
import Foundation
import GRDB
import ServiceKit
import Wire

/// The queries of `FeedbackReading` on one SQLite connection.
class SQLiteFeedbackReader: SQLiteAccess, FeedbackReading {
    /// The message in the `body` of the first row `sql` finds.
    func body<Message: WireMessage>(_ sql: String, _ arguments: StatementArguments) throws -> Message? {
        try Row.fetchOne(db, sql: sql, arguments: arguments).map { try Message(row: $0) }
    }

    func invitation(token: String) throws -> Feedback.Invitation? {
        try body("SELECT body FROM invitation WHERE token = ?", [token])
    }

    func invitation(id: String) throws -> Feedback.Invitation? {
        try body("SELECT body FROM invitation WHERE invitation_id = ?", [id])
    }

    func lastSurveyedAtMs(customerID: String, afterMs: Int64) throws -> Int64? {
        try Int64.fetchOne(
            db,
            sql:
                "SELECT MAX(send_at_ms) FROM invitation WHERE customer_id = ? AND stored_status != ? AND send_at_ms > ?",
            arguments: [customerID, Feedback.InvitationStatus.suppressed.rawValue, afterMs])
    }

    func optedOutAtMs(customerID: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT at_ms FROM opt_out WHERE customer_id = ?", arguments: [customerID])
    }

    func scheduledInvitations(customerID: String, afterMs: Int64) throws -> [Feedback.Invitation] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT body FROM invitation WHERE customer_id = ? AND stored_status = ? AND send_at_ms > ?
                ORDER BY send_at_ms
                """,
            arguments: [customerID, Feedback.InvitationStatus.scheduled.rawValue, afterMs]
        ).map { try Feedback.Invitation(row: $0) }
    }

    func response(id: String) throws -> Feedback.SurveyResponse? {
        try body("SELECT body FROM response WHERE response_id = ?", [id])
    }

    func followUp(responseID: String) throws -> Feedback.FollowUp? {
        try body("SELECT body FROM follow_up WHERE response_id = ?", [responseID])
    }

    func dueFollowUps(nowMs: Int64, limit: Int) throws -> [PendingFollowUp] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT response_id, request, body FROM follow_up WHERE status = ? AND next_attempt_at_ms <= ?
                ORDER BY requested_at_ms, rowid LIMIT ?
                """,
            arguments: [Feedback.FollowUpStatus.pending.rawValue, nowMs, limit]
        ).map { row in
            PendingFollowUp(
                responseID: row["response_id"], attempts: Int(try Feedback.FollowUp(row: row).attempts ?? 0),
                request: try Tickets.OpenFollowUpRequest(row: row, "request"))
        }
    }

    func story(id: String) throws -> Feedback.Story? {
        guard var story: Feedback.Story = try body("SELECT body FROM story WHERE story_id = ?", [id]) else {
            return nil
        }
        story.reactions = try Row.fetchAll(
            db, sql: "SELECT kind, COUNT(*) AS n FROM story_reaction WHERE story_id = ? GROUP BY kind ORDER BY kind",
            arguments: [id]
        ).map { Feedback.ReactionCount(kind: Feedback.ReactionKind(rawValue: $0["kind"]), count: $0["n"]) }
        return story
    }

    func themeRules() throws -> [Feedback.ThemeRule] {
        try Row.fetchAll(db, sql: "SELECT body FROM theme_rule ORDER BY created_at_ms, rowid").map {
            try Feedback.ThemeRule(row: $0)
        }
    }

    func themeRuleExists(id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM theme_rule WHERE rule_id = ?", arguments: [id]) != nil
    }

    func commentedAnswers() throws -> [CommentedAnswer] {
        try Row.fetchAll(
            db, sql: "SELECT comment, language, given_themes, body FROM response WHERE comment IS NOT NULL"
        ).map { row in
            CommentedAnswer(
                response: try Feedback.SurveyResponse(row: row), comment: row["comment"], language: row["language"],
                givenThemes: (row["given_themes"] as String).split(separator: ",").map(String.init))
        }
    }

    func positions() throws -> [String: UInt64] {
        var positions: [String: UInt64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT service, sequence FROM consumed") {
            positions[row["service"]] = UInt64(row["sequence"] as Int64)
        }
        return positions
    }
}

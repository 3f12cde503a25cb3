import Contract
import Foundation
import ServiceKit
import Wire

/// The queries of `FeedbackReading` on one connection, SQLite or PostgreSQL (and
/// on SQLite inside a schema migration, which applies theme rules to stored answers).
class FeedbackSQLReader: StoreAccess, FeedbackReading {
    /// The message in the `body` of the first row `sql` finds.
    func body<Message: WireMessage>(_ sql: String, _ arguments: any SQLValueConvertible...) throws -> Message? {
        try session.rows(sql, arguments.map(\.sqlValue)).first.map { try Message(row: $0) }
    }

    /// Whether `sql` finds a row.
    func exists(_ sql: String, _ arguments: any SQLValueConvertible...) throws -> Bool {
        try session.value(Bool.self, "SELECT EXISTS (\(sql))", arguments.map(\.sqlValue)) ?? false
    }

    func invitation(token: String) throws -> Feedback.Invitation? {
        try body("SELECT body FROM invitation WHERE token = ?", token)
    }

    func invitation(id: String) throws -> Feedback.Invitation? {
        try body("SELECT body FROM invitation WHERE invitation_id = ?", id)
    }

    func lastSurveyedAtMs(customerID: String, afterMs: Int64) throws -> Int64? {
        try session.value(
            Int64.self,
            "SELECT MAX(send_at_ms) FROM invitation WHERE customer_id = ? AND stored_status != ? AND send_at_ms > ?",
            [customerID.sqlValue, Feedback.InvitationStatus.suppressed.rawValue.sqlValue, afterMs.sqlValue])
    }

    func optedOutAtMs(customerID: String) throws -> Int64? {
        try session.value(Int64.self, "SELECT at_ms FROM opt_out WHERE customer_id = ?", [customerID.sqlValue])
    }

    func scheduledInvitations(customerID: String, afterMs: Int64) throws -> [Feedback.Invitation] {
        try session.rows(
            """
            SELECT body FROM invitation WHERE customer_id = ? AND stored_status = ? AND send_at_ms > ?
            ORDER BY send_at_ms, invitation_id
            """, customerID, Feedback.InvitationStatus.scheduled.rawValue, afterMs
        ).map { try Feedback.Invitation(row: $0) }
    }

    func response(id: String) throws -> Feedback.SurveyResponse? {
        try body("SELECT body FROM response WHERE response_id = ?", id)
    }

    func followUp(responseID: String) throws -> Feedback.FollowUp? {
        try body("SELECT body FROM follow_up WHERE response_id = ?", responseID)
    }

    func dueFollowUps(nowMs: Int64, limit: Int) throws -> [PendingFollowUp] {
        try session.rows(
            """
            SELECT response_id, request, body FROM follow_up WHERE status = ? AND next_attempt_at_ms <= ?
            ORDER BY requested_at_ms, rowid LIMIT ?
            """, Feedback.FollowUpStatus.pending.rawValue, nowMs, limit
        ).map { row in
            PendingFollowUp(
                responseID: row["response_id"], attempts: Int(try Feedback.FollowUp(row: row).attempts ?? 0),
                request: try Tickets.OpenFollowUpRequest(row: row, "request"))
        }
    }

    func story(id: String) throws -> Feedback.Story? {
        guard var story: Feedback.Story = try body("SELECT body FROM story WHERE story_id = ?", id) else {
            return nil
        }
        story.reactions = try session.rows(
            "SELECT kind, COUNT(*) AS n FROM story_reaction WHERE story_id = ? GROUP BY kind ORDER BY kind", id
        ).map { row in
            Feedback.ReactionCount(
                kind: Feedback.ReactionKind(rawValue: row["kind"]), count: UInt32(row["n"] as Int64))
        }
        return story
    }

    func themeRules() throws -> [Feedback.ThemeRule] {
        try session.rows("SELECT body FROM theme_rule ORDER BY created_at_ms, rowid").map {
            try Feedback.ThemeRule(row: $0)
        }
    }

    func themeRuleExists(id: String) throws -> Bool {
        try exists("SELECT 1 FROM theme_rule WHERE rule_id = ?", id)
    }

    func commentedAnswers() throws -> [CommentedAnswer] {
        try session.rows(
            "SELECT comment, language, given_themes, body FROM response WHERE comment IS NOT NULL ORDER BY rowid"
        ).map { row in
            CommentedAnswer(
                response: try Feedback.SurveyResponse(row: row), comment: row["comment"], language: row["language"],
                givenThemes: (row["given_themes"] as String).split(separator: ",").map(String.init))
        }
    }

    func positions() throws -> [String: UInt64] {
        var positions: [String: UInt64] = [:]
        for row in try session.rows("SELECT service, sequence FROM consumed") {
            positions[row["service"]] = UInt64(row["sequence"] as Int64)
        }
        return positions
    }
}

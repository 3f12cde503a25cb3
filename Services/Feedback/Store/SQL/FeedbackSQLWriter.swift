import Contract
import Foundation
import ServiceKit
import Wire

/// The changes of `FeedbackWriting` inside one write transaction of the store,
/// SQLite or PostgreSQL.
final class FeedbackSQLWriter: FeedbackSQLReader, FeedbackWriting {
    func insert(_ invitation: Feedback.Invitation) throws {
        try session.execute(
            """
            INSERT INTO invitation (invitation_id, token, stored_status, customer_id, ticket_id, created_at_ms,
                send_at_ms, expires_at_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            invitation.invitation_id, invitation.token, invitation.status?.rawValue, invitation.customer_id,
            invitation.attribution?.ticket_id, invitation.created_at_ms ?? nowMs, invitation.send_at_ms ?? nowMs,
            invitation.expires_at_ms, try invitation.blob())
    }

    func insertOptOut(customerID: String, atMs: Int64) throws {
        try session.execute(
            "INSERT INTO opt_out (customer_id, at_ms) VALUES (?, ?) ON CONFLICT (customer_id) DO NOTHING", customerID,
            atMs)
    }

    func save(_ invitation: Feedback.Invitation) throws {
        try session.execute(
            "UPDATE invitation SET stored_status = ?, body = ? WHERE invitation_id = ?",
            invitation.status?.rawValue, try invitation.blob(), invitation.invitation_id)
    }

    func insert(_ response: Feedback.SurveyResponse, language: String?, givenThemes: [String]) throws {
        let attribution = response.attribution ?? Feedback.Attribution()
        try session.execute(
            """
            INSERT INTO response (response_id, invitation_id, score, category, answered_at_ms, channel, country,
                product_category, agent_id, team_id, ticket_id, comment, consent, themes, body, language,
                given_themes, customer_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            response.response_id, response.invitation_id, response.score, response.category?.rawValue,
            response.answered_at_ms, attribution.channel?.wireValue, attribution.country,
            attribution.product_category, attribution.agent_id, attribution.team_id, attribution.ticket_id,
            response.comment, response.consent_to_quote ?? false, listColumn(response.themes), try response.blob(),
            language, listColumn(givenThemes), response.customer_id)
    }

    func saveThemes(_ response: Feedback.SurveyResponse) throws {
        try Self.saveThemes(response, in: session)
    }

    /// `saveThemes` on `session`, also for a migration (which records no events).
    static func saveThemes(_ response: Feedback.SurveyResponse, in session: any SQLSession) throws {
        try session.execute(
            "UPDATE response SET themes = ?, body = ? WHERE response_id = ?",
            listColumn(response.themes), try response.blob(), response.response_id)
    }

    func insert(_ followUp: Feedback.FollowUp, request: Tickets.OpenFollowUpRequest) throws {
        try session.execute(
            """
            INSERT INTO follow_up (response_id, status, requested_at_ms, next_attempt_at_ms, request, body)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            followUp.response_id, followUp.status?.rawValue, followUp.requested_at_ms ?? nowMs, nowMs,
            try request.blob(), try followUp.blob())
    }

    func save(_ followUp: Feedback.FollowUp, nextAttemptAtMs: Int64?) throws {
        try session.execute(
            """
            UPDATE follow_up SET status = ?, follow_up_ticket_id = ?, body = ?,
                next_attempt_at_ms = COALESCE(?, next_attempt_at_ms) WHERE response_id = ?
            """,
            followUp.status?.rawValue, followUp.follow_up_ticket_id, try followUp.blob(), nextAttemptAtMs,
            followUp.response_id)
    }

    func insert(_ compliment: Feedback.Compliment) throws {
        try session.execute(
            """
            INSERT INTO compliment (
                compliment_id, employee_id, team_id, value_ids, consent, received_at_ms, body, response_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            compliment.compliment_id, compliment.employee_id, compliment.team_id, listColumn(compliment.value_ids),
            compliment.consent_to_show ?? false, compliment.received_at_ms ?? nowMs, try compliment.blob(),
            compliment.response_id)
    }

    func insert(_ story: Feedback.Story) throws {
        try session.execute(
            """
            INSERT INTO story (story_id, title, story_body, employee_ids, team_ids, value_ids, created_at_ms, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            story.story_id, story.title ?? "", story.body ?? "", listColumn(story.employee_ids),
            listColumn(story.team_ids), listColumn(story.value_ids), story.created_at_ms ?? nowMs,
            try story.blob())
    }

    func react(storyID: String, employeeID: String, kind: Feedback.ReactionKind, remove: Bool) throws -> Bool {
        let arguments = [storyID.sqlValue, employeeID.sqlValue, kind.rawValue.sqlValue]
        let present =
            try session.value(
                Bool.self,
                "SELECT EXISTS (SELECT 1 FROM story_reaction WHERE story_id = ? AND employee_id = ? AND kind = ?)",
                arguments) ?? false
        guard present == remove else { return false }
        if remove {
            try session.execute(
                "DELETE FROM story_reaction WHERE story_id = ? AND employee_id = ? AND kind = ?", arguments)
        } else {
            try session.execute("INSERT INTO story_reaction (story_id, employee_id, kind) VALUES (?, ?, ?)", arguments)
        }
        return true
    }

    func insert(_ rule: Feedback.ThemeRule) throws {
        try session.execute(
            "INSERT INTO theme_rule (rule_id, created_at_ms, body) VALUES (?, ?, ?)",
            rule.rule_id, nowMs, try rule.blob())
    }

    func update(_ rule: Feedback.ThemeRule) throws {
        try session.execute(
            "UPDATE theme_rule SET body = ? WHERE rule_id = ?", try rule.blob(), rule.rule_id)
    }

    func deleteThemeRule(id: String) throws -> Bool {
        guard try themeRuleExists(id: id) else { return false }
        try session.execute("DELETE FROM theme_rule WHERE rule_id = ?", id)
        return true
    }

    func setPosition(_ sequence: UInt64, service: String) throws {
        try session.execute(
            """
            INSERT INTO consumed (service, sequence) VALUES (?, ?)
            ON CONFLICT (service) DO UPDATE SET sequence = excluded.sequence
            """,
            service, Int64(sequence))
    }
}

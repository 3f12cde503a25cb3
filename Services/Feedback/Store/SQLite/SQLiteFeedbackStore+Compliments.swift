import Bus
import Contract
import Domain
import Foundation
import GRDB
import ServiceKit

extension SQLiteFeedbackStore: ComplimentStore {
    /// From a response (never a detractor's: INVALID_ARGUMENT naming `response_id`):
    /// its comment is the text unless `text` is set; employee, team,
    /// channel and country come from its attribution; consent is the response's
    /// consent to quote (false stays false). Directly: as given. The customer is named
    /// by `QuoteName` (first name and initial, or none), whatever the request says.
    func createCompliment(_ request: Feedback.CreateComplimentRequest, idempotencyKey: String?) async throws
        -> Feedback.Compliment
    {
        try await write("CreateCompliment", idempotencyKey: idempotencyKey) { change in
            var compliment = Feedback.Compliment(
                compliment_id: ComplimentID.random().rawValue, source: .direct, employee_id: request.employee_id,
                team_id: request.team_id, text: request.text,
                customer_display_name: QuoteName.shown(request.customer_display_name),
                value_ids: request.value_ids, consent_to_show: request.consent_to_show ?? false,
                channel: request.channel, country: request.country,
                received_at_ms: request.received_at_ms ?? change.nowMs, created_by_id: request.created_by_id)
            if let responseID = request.response_id {
                guard
                    let row = try Row.fetchOne(
                        change.db, sql: "SELECT body FROM response WHERE response_id = ?", arguments: [responseID])
                else { throw StoreError.notFound("response", responseID) }
                let response = try Feedback.SurveyResponse(row: row)
                guard response.category != .detractor else {
                    throw Refusal.invalid(
                        field: "response_id",
                        "'\(responseID)' is a detractor's answer (score \(response.score ?? 0)): it goes to Special Care, not to a compliment wall"
                    )
                }
                compliment.source = .response
                compliment.response_id = responseID
                compliment.text = request.text ?? response.comment
                compliment.employee_id = request.employee_id ?? response.attribution?.agent_id
                compliment.team_id = request.team_id ?? response.attribution?.team_id
                compliment.consent_to_show = response.consent_to_quote ?? false
                compliment.channel = response.attribution?.channel
                compliment.country = response.attribution?.country
                compliment.received_at_ms = request.received_at_ms ?? response.answered_at_ms
            }
            guard compliment.text != nil else {
                throw Refusal.invalid(field: "text", "must be set (the response has no comment)")
            }
            guard compliment.employee_id != nil || compliment.team_id != nil else {
                throw Refusal.invalid(field: "employee_id", "or team_id must be set: who is complimented")
            }
            try change.db.execute(
                sql: """
                    INSERT INTO compliment (compliment_id, employee_id, team_id, value_ids, consent, received_at_ms, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    compliment.compliment_id, compliment.employee_id, compliment.team_id,
                    listColumn(compliment.value_ids), compliment.consent_to_show, compliment.received_at_ms,
                    try compliment.blob(),
                ])
            try change.record(
                "compliment.created", subject: try compliment.compliment_id.stored("compliment_id"),
                Feedback.ComplimentCreated(
                    compliment_id: compliment.compliment_id, source: compliment.source,
                    response_id: compliment.response_id, employee_id: compliment.employee_id,
                    team_id: compliment.team_id, value_ids: compliment.value_ids,
                    consent_to_show: compliment.consent_to_show, channel: compliment.channel,
                    country: compliment.country, received_at_ms: compliment.received_at_ms))
            return Feedback.CreateComplimentReply(compliment: compliment)
        }.compliment.stored("compliment")
    }

    /// Consented compliments only, newest first, the customer named by `QuoteName`
    /// (also for compliments stored before that rule).
    func complimentWall(_ request: Feedback.ListComplimentWallRequest, page: Page) async throws
        -> Feedback.ListComplimentWallReply
    {
        try await read { db in
            var filter = Filter()
            filter.add("consent = 1")
            filter.equal("employee_id", request.employee_id)
            filter.equal("team_id", request.team_id)
            filter.contains("value_ids", request.value_id)
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT body FROM compliment \(filter.sql) ORDER BY received_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
                arguments: filter.statementArguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(rows)
            return Feedback.ListComplimentWallReply(
                compliments: try kept.map { row in
                    var compliment = try Feedback.Compliment(row: row)
                    compliment.customer_display_name = QuoteName.shown(compliment.customer_display_name)
                    return compliment
                }, next_page_token: next)
        }
    }
}

import Bus
import Contract
import Domain
import Foundation
import GRDB
import ServiceKit

extension SQLiteFeedbackStore: ComplimentStore {
    /// Reads the answer a compliment quotes and stores the compliment
    /// `ComplimentRules` makes of it.
    func createCompliment(_ request: Feedback.CreateComplimentRequest, idempotencyKey: String?) async throws
        -> Feedback.Compliment
    {
        try await write("CreateCompliment", idempotencyKey: idempotencyKey) { change in
            let id = ComplimentID.random().rawValue
            let response = try request.response_id.map { responseID in
                guard
                    let row = try Row.fetchOne(
                        change.db, sql: "SELECT body FROM response WHERE response_id = ?", arguments: [responseID])
                else { throw StoreError.notFound("response", responseID) }
                return try Feedback.SurveyResponse(row: row)
            }
            let compliment = try ComplimentRules.compliment(request, from: response, id: id, nowMs: change.nowMs)
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
                "compliment.created", subject: id,
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

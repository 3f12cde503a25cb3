import Bus
import Contract
import Foundation
import GRDB
import ServiceKit

extension SQLiteFeedbackStore: FollowUpStore {
    /// Records a PENDING follow-up for a detractor answer, with the OpenFollowUp
    /// request frozen for delivery, and `follow_up.requested`.
    static func requestFollowUp(
        for response: Feedback.SurveyResponse, customer: Tickets.Customer, requestedAtMs: Int64,
        in change: inout Change
    ) throws -> Feedback.FollowUp {
        let attribution = response.attribution
        let followUp = Feedback.FollowUp(
            response_id: response.response_id, status: .pending, original_ticket_id: attribution?.ticket_id,
            customer_id: response.customer_id, score: response.score, attempts: 0, requested_at_ms: requestedAtMs,
            attribution: attribution)
        let request = Tickets.OpenFollowUpRequest(
            response_id: response.response_id, ticket_id: attribution?.ticket_id, customer: customer,
            score: response.score, comment: response.comment, channel: attribution?.channel,
            product_category: attribution?.product_category)
        try change.db.execute(
            sql: """
                INSERT INTO follow_up (response_id, status, requested_at_ms, next_attempt_at_ms, request, body)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                response.response_id, Feedback.FollowUpStatus.pending.rawValue, requestedAtMs, change.nowMs,
                try request.blob(), try followUp.blob(),
            ])
        try change.record(
            "follow_up.requested", subject: try response.response_id.stored("response_id"),
            Feedback.FollowUpRequested(
                response_id: response.response_id, original_ticket_id: attribution?.ticket_id,
                customer_id: response.customer_id, score: response.score, attribution: attribution,
                requested_at_ms: requestedAtMs))
        return followUp
    }

    func followUp(responseID: String) async throws -> Feedback.FollowUp {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT body FROM follow_up WHERE response_id = ?", arguments: [responseID])
            else { throw StoreError.absent("no follow-up for response '\(responseID)'") }
            return try Feedback.FollowUp(row: row)
        }
    }

    func followUps(_ request: Feedback.ListFollowUpsRequest, page: Page) async throws -> Feedback.ListFollowUpsReply {
        try await read { db in
            var filter = Filter()
            filter.any("status", request.statuses.map { $0.rawValue })
            filter.window("requested_at_ms", request.window?.bounds)
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT body FROM follow_up \(filter.sql) ORDER BY requested_at_ms, rowid LIMIT ? OFFSET ?",
                arguments: filter.statementArguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(rows)
            return Feedback.ListFollowUpsReply(
                follow_ups: try kept.map { try Feedback.FollowUp(row: $0) }, next_page_token: next)
        }
    }

    func dueFollowUps(limit: Int) async throws -> [PendingFollowUp] {
        let now = nowMs
        return try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT response_id, request, body FROM follow_up WHERE status = ? AND next_attempt_at_ms <= ?
                    ORDER BY requested_at_ms, rowid LIMIT ?
                    """,
                arguments: [Feedback.FollowUpStatus.pending.rawValue, now, limit]
            ).map { row in
                PendingFollowUp(
                    responseID: row["response_id"], attempts: Int(try Feedback.FollowUp(row: row).attempts ?? 0),
                    request: try Tickets.OpenFollowUpRequest(row: row, "request"))
            }
        }
    }

    func followUpOpened(responseID: String, ticketID: String) async throws {
        _ = try await write("FollowUpOpened") { change in
            try Self.markOpened(responseID: responseID, ticketID: ticketID, in: &change)
            return Feedback.GetFollowUpReply()
        }
    }

    func followUpFailed(responseID: String, error: String, final: Bool) async throws {
        let settings = settings
        _ = try await write("FollowUpFailed") { change in
            guard var followUp = try Self.followUp(responseID, in: change.db), followUp.status == .pending else {
                return Feedback.GetFollowUpReply()
            }
            let attempts = Int(followUp.attempts ?? 0) + 1
            followUp.attempts = UInt32(attempts)
            followUp.last_error = String(error.prefix(500))
            if final {
                try Self.markFailed(followUp, in: &change)
                return Feedback.GetFollowUpReply()
            }
            try change.db.execute(
                sql: "UPDATE follow_up SET next_attempt_at_ms = ?, body = ? WHERE response_id = ?",
                arguments: [
                    change.nowMs + settings.retryDelayMs(afterAttempts: attempts), try followUp.blob(), responseID,
                ])
            return Feedback.GetFollowUpReply()
        }
    }
}

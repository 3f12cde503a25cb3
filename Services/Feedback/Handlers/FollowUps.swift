import Bus
import Contract
import ServiceKit

/// A follow-up's transitions inside a write: PENDING -> OPEN -> CLOSED, or
/// PENDING -> FAILED; each once, each with its event.
extension FeedbackHandlers: FollowUpLedger {
    func holdLease(_ job: String, seconds: Int) async throws -> Bool {
        try await store.holdLease(job, seconds: seconds)
    }

    func dueFollowUps(limit: Int) async throws -> [PendingFollowUp] {
        let now = store.nowMs
        return try await store.read { try $0.dueFollowUps(nowMs: now, limit: limit) }
    }

    func followUpOpened(responseID: String, ticketID: String) async throws {
        _ = try await store.write(method: "FollowUpOpened", idempotencyKey: nil) { tx in
            try Self.markOpened(responseID: responseID, ticketID: ticketID, in: tx)
            return Feedback.GetFollowUpReply()
        }
    }

    func followUpFailed(responseID: String, error: String, final: Bool) async throws {
        let settings = settings
        _ = try await store.write(method: "FollowUpFailed", idempotencyKey: nil) { tx in
            guard var followUp = try tx.followUp(responseID: responseID), followUp.status == .pending else {
                return Feedback.GetFollowUpReply()
            }
            let attempts = Int(followUp.attempts ?? 0) + 1
            followUp.attempts = UInt32(attempts)
            followUp.last_error = String(error.prefix(500))
            if final {
                try Self.markFailed(followUp, in: tx)
            } else {
                try tx.save(followUp, nextAttemptAtMs: tx.nowMs + settings.retryDelayMs(afterAttempts: attempts))
            }
            return Feedback.GetFollowUpReply()
        }
    }

    /// Records a PENDING follow-up for a detractor answer, with the OpenFollowUp
    /// request frozen for delivery, and `follow_up.requested`.
    static func requestFollowUp(
        for response: Feedback.SurveyResponse, customer: Tickets.Customer, requestedAtMs: Int64,
        in tx: any FeedbackWriting
    ) throws -> Feedback.FollowUp {
        let attribution = response.attribution
        let followUp = Feedback.FollowUp(
            response_id: response.response_id, status: .pending, original_ticket_id: attribution?.ticket_id,
            customer_id: response.customer_id, score: response.score, attempts: 0, requested_at_ms: requestedAtMs,
            attribution: attribution)
        try tx.insert(
            followUp,
            request: Tickets.OpenFollowUpRequest(
                response_id: response.response_id, ticket_id: attribution?.ticket_id, customer: customer,
                score: response.score, comment: response.comment, channel: attribution?.channel,
                product_category: attribution?.product_category))
        try tx.record(
            "follow_up.requested", subject: try response.response_id.stored("response_id"),
            Feedback.FollowUpRequested(
                response_id: response.response_id, original_ticket_id: attribution?.ticket_id,
                customer_id: response.customer_id, score: response.score, attribution: attribution,
                requested_at_ms: requestedAtMs))
        return followUp
    }

    /// PENDING (or FAILED, when tickets' event shows it did open one) becomes OPEN
    /// with tickets' follow-up ticket; once only.
    static func markOpened(responseID: String, ticketID: String, in tx: any FeedbackWriting) throws {
        guard var followUp = try tx.followUp(responseID: responseID),
            followUp.status == .pending || followUp.status == .failed
        else { return }
        followUp.status = .open
        followUp.failed_at_ms = nil
        followUp.follow_up_ticket_id = ticketID
        followUp.opened_at_ms = tx.nowMs
        followUp.attempts = (followUp.attempts ?? 0) + 1
        followUp.last_error = nil
        try tx.save(followUp, nextAttemptAtMs: nil)
        try tx.record(
            "follow_up.opened", subject: responseID,
            Feedback.FollowUpOpened(
                response_id: responseID, follow_up_ticket_id: ticketID, original_ticket_id: followUp.original_ticket_id,
                attribution: followUp.attribution, requested_at_ms: followUp.requested_at_ms,
                opened_at_ms: followUp.opened_at_ms))
    }

    /// PENDING becomes FAILED: no more attempts; `last_error` is the reason.
    static func markFailed(_ pending: Feedback.FollowUp, in tx: any FeedbackWriting) throws {
        var followUp = pending
        followUp.status = .failed
        followUp.failed_at_ms = tx.nowMs
        try tx.save(followUp, nextAttemptAtMs: nil)
        try tx.record(
            "follow_up.failed", subject: try followUp.response_id.stored("response_id"),
            Feedback.FollowUpFailed(
                response_id: followUp.response_id, original_ticket_id: followUp.original_ticket_id,
                attribution: followUp.attribution, attempts: followUp.attempts, reason: followUp.last_error,
                requested_at_ms: followUp.requested_at_ms, failed_at_ms: followUp.failed_at_ms))
    }

    /// The follow-up ticket was resolved: CLOSED (from PENDING too, if tickets'
    /// reply never reached feedback).
    static func closeFollowUp(responseID: String, ticketID: String, at closedAt: Int64, in tx: any FeedbackWriting)
        throws
    {
        guard var followUp = try tx.followUp(responseID: responseID), followUp.status != .closed else { return }
        followUp.status = .closed
        followUp.follow_up_ticket_id = followUp.follow_up_ticket_id ?? ticketID
        followUp.opened_at_ms = followUp.opened_at_ms ?? closedAt
        followUp.closed_at_ms = closedAt
        try tx.save(followUp, nextAttemptAtMs: nil)
        try tx.record(
            "follow_up.closed", subject: responseID,
            Feedback.FollowUpClosed(
                response_id: responseID, follow_up_ticket_id: followUp.follow_up_ticket_id,
                attribution: followUp.attribution, opened_at_ms: followUp.opened_at_ms, closed_at_ms: closedAt))
    }
}

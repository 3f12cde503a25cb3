import Bus
import Contract
import Foundation
import GRDB
import ServiceKit

/// A follow-up's transitions inside a write: PENDING -> OPEN -> CLOSED, or
/// PENDING -> FAILED; each once, each with its event.
extension SQLiteFeedbackStore {
    static func followUp(_ responseID: String, in db: Database) throws -> Feedback.FollowUp? {
        try Row.fetchOne(db, sql: "SELECT body FROM follow_up WHERE response_id = ?", arguments: [responseID])
            .map { try Feedback.FollowUp(row: $0) }
    }

    static func save(_ followUp: Feedback.FollowUp, in db: Database) throws {
        try db.execute(
            sql: "UPDATE follow_up SET status = ?, follow_up_ticket_id = ?, body = ? WHERE response_id = ?",
            arguments: [
                followUp.status?.rawValue, followUp.follow_up_ticket_id, try followUp.blob(), followUp.response_id,
            ])
    }

    /// PENDING (or FAILED, when tickets' event shows it did open one) becomes OPEN
    /// with tickets' follow-up ticket; once only.
    static func markOpened(responseID: String, ticketID: String, in change: inout Change) throws {
        guard var followUp = try followUp(responseID, in: change.db),
            followUp.status == .pending || followUp.status == .failed
        else { return }
        followUp.status = .open
        followUp.failed_at_ms = nil
        followUp.follow_up_ticket_id = ticketID
        followUp.opened_at_ms = change.nowMs
        followUp.attempts = (followUp.attempts ?? 0) + 1
        followUp.last_error = nil
        try save(followUp, in: change.db)
        try change.record(
            "follow_up.opened", subject: responseID,
            Feedback.FollowUpOpened(
                response_id: responseID, follow_up_ticket_id: ticketID, original_ticket_id: followUp.original_ticket_id,
                attribution: followUp.attribution, requested_at_ms: followUp.requested_at_ms,
                opened_at_ms: followUp.opened_at_ms))
    }

    /// PENDING becomes FAILED: no more attempts; `last_error` is the reason.
    static func markFailed(_ pending: Feedback.FollowUp, in change: inout Change) throws {
        var followUp = pending
        followUp.status = .failed
        followUp.failed_at_ms = change.nowMs
        try save(followUp, in: change.db)
        try change.record(
            "follow_up.failed", subject: try followUp.response_id.stored("response_id"),
            Feedback.FollowUpFailed(
                response_id: followUp.response_id, original_ticket_id: followUp.original_ticket_id,
                attribution: followUp.attribution, attempts: followUp.attempts, reason: followUp.last_error,
                requested_at_ms: followUp.requested_at_ms, failed_at_ms: followUp.failed_at_ms))
    }

    /// The follow-up ticket was resolved: CLOSED (from PENDING too, if tickets'
    /// reply never reached feedback).
    static func closeFollowUp(responseID: String, ticketID: String, at closedAt: Int64, in change: inout Change) throws
    {
        guard var followUp = try followUp(responseID, in: change.db), followUp.status != .closed else { return }
        followUp.status = .closed
        followUp.follow_up_ticket_id = followUp.follow_up_ticket_id ?? ticketID
        followUp.opened_at_ms = followUp.opened_at_ms ?? closedAt
        followUp.closed_at_ms = closedAt
        try save(followUp, in: change.db)
        try change.record(
            "follow_up.closed", subject: responseID,
            Feedback.FollowUpClosed(
                response_id: responseID, follow_up_ticket_id: followUp.follow_up_ticket_id,
                attribution: followUp.attribution, opened_at_ms: followUp.opened_at_ms, closed_at_ms: closedAt))
    }
}

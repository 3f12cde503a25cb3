import Bus
import Contract
import Logging
import ServiceKit

extension FeedbackHandlers {
    /// The last applied sequence per followed service, for `EventFeed`.
    func positions() async throws -> [String: UInt64] {
        try await store.read { try $0.positions() }
    }

    /// Applies one event of another service in one transaction with its new
    /// position; an event at or before the stored position changes nothing.
    /// - `ticket.resolved`: an invitation with the frozen attribution (none for an
    ///   imported ticket); for a follow-up ticket also closes that follow-up
    ///   (`follow_up.closed`).
    /// - `customer.erased`: erases what feedback holds about the customer (`erase`).
    /// - `ticket.follow_up_opened`: marks the follow-up OPEN if feedback has not heard
    ///   tickets' reply yet (e.g. it stopped in between).
    /// A payload that does not decode is logged and skipped, so it cannot stop the feed.
    func apply(_ event: Event) async throws {
        let settings = settings
        _ = try await store.write(method: "ApplyEvent", idempotencyKey: nil) { tx in
            let position = try tx.positions()[event.service] ?? 0
            guard event.sequence > position else { return Feedback.CreateInvitationReply() }
            try tx.setPosition(event.sequence, service: event.service)
            guard event.service == Tickets.service else { return Feedback.CreateInvitationReply() }
            switch event.type {
            case "ticket.resolved":
                guard let resolved = try? Tickets.TicketResolved(wireBytes: event.payload) else {
                    Logger(label: "feedback").error(
                        "undecodable ticket.resolved", metadata: ["sequence": "\(event.sequence)"])
                    return Feedback.CreateInvitationReply()
                }
                if let responseID = resolved.follow_up_response_id {
                    try Self.closeFollowUp(
                        responseID: responseID, ticketID: resolved.ticket_id ?? event.subject_id ?? "",
                        at: resolved.resolved_at_ms ?? event.occurred_at_ms, in: tx)
                }
                // Imported history: the customer was served long ago; no survey now.
                guard resolved.imported != true else { return Feedback.CreateInvitationReply() }
                return Feedback.CreateInvitationReply(
                    invitation: try Self.invite(InvitationDraft(resolved, event), settings: settings, in: tx))
            case "customer.erased":
                if let erased = try? Tickets.CustomerErased(wireBytes: event.payload), let customer = erased.customer_id
                {
                    try Self.erase(customerID: customer, in: tx)
                }
                return Feedback.CreateInvitationReply()
            case "ticket.follow_up_opened":
                if let opened = try? Tickets.TicketFollowUpOpened(wireBytes: event.payload),
                    let responseID = opened.response_id,
                    let ticketID = opened.ticket_id
                {
                    try Self.markOpened(responseID: responseID, ticketID: ticketID, in: tx)
                }
                return Feedback.CreateInvitationReply()
            default:
                return Feedback.CreateInvitationReply()
            }
        }
        if event.service == Tickets.service, event.type == "customer.erased" { try await store.truncateJournal() }
    }
}

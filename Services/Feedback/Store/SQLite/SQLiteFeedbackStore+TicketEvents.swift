import Bus
import Contract
import Foundation
import GRDB
import Logging
import ServiceKit

extension SQLiteFeedbackStore: TicketEventConsumer {
    func positions() async throws -> [String: UInt64] {
        try await read { db in
            var positions: [String: UInt64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT service, sequence FROM consumed") {
                positions[row["service"]] = UInt64(row["sequence"] as Int64)
            }
            return positions
        }
    }

    /// Applies one event of another service in one transaction with its new
    /// position; an event at or before the stored position changes nothing.
    /// - `ticket.resolved`: an invitation with the frozen attribution (none for an
    ///   imported ticket); for a follow-up ticket also closes that follow-up
    ///   (`follow_up.closed`).
    /// - `ticket.follow_up_opened`: marks the follow-up OPEN if feedback has not heard
    ///   tickets' reply yet (e.g. it stopped in between).
    /// A payload that does not decode is logged and skipped, so it cannot stop the feed.
    func apply(_ event: Event) async throws {
        let settings = settings
        _ = try await write("ApplyEvent") { change in
            let position =
                try Int64.fetchOne(
                    change.db, sql: "SELECT sequence FROM consumed WHERE service = ?", arguments: [event.service]) ?? 0
            guard Int64(event.sequence) > position else { return Feedback.CreateInvitationReply() }
            try change.db.execute(
                sql: "INSERT OR REPLACE INTO consumed (service, sequence) VALUES (?, ?)",
                arguments: [event.service, Int64(event.sequence)])
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
                        at: resolved.resolved_at_ms ?? event.occurred_at_ms, in: &change)
                }
                // Imported history: the customer was served long ago; no survey now.
                guard resolved.imported != true else { return Feedback.CreateInvitationReply() }
                return Feedback.CreateInvitationReply(
                    invitation: try Self.insertInvitation(
                        InvitationDraft(resolved, event), settings: settings, in: &change))
            case "ticket.follow_up_opened":
                if let opened = try? Tickets.TicketFollowUpOpened(wireBytes: event.payload),
                    let responseID = opened.response_id,
                    let ticketID = opened.ticket_id
                {
                    try Self.markOpened(responseID: responseID, ticketID: ticketID, in: &change)
                }
                return Feedback.CreateInvitationReply()
            default:
                return Feedback.CreateInvitationReply()
            }
        }
    }
}

extension InvitationDraft {
    /// The invitation a resolved ticket asks for: attribution frozen at resolution.
    init(_ resolved: Tickets.TicketResolved, _ event: Event) {
        let resolvedAt = resolved.resolved_at_ms ?? event.occurred_at_ms
        self.init(
            source: .ticketResolved,
            attribution: Feedback.Attribution(
                ticket_id: resolved.ticket_id ?? event.subject_id, agent_id: resolved.agent_id,
                team_id: resolved.team_id, employer_id: resolved.employer_id, channel: resolved.channel,
                country: resolved.country, product_category: resolved.product_category, contact_at_ms: resolvedAt),
            customerID: resolved.customer_id, customerName: resolved.customer_name,
            customerHandle: resolved.customer_handle, language: resolved.customer_language, contactAtMs: resolvedAt)
    }
}

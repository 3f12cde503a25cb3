import Bus
import Contract
import Domain
import Foundation

/// Plays contacts through the tickets service as agents would: the customer's
/// message, the agent's public reply, sometimes a gesture or an escalation, and
/// the resolution.
struct DemoTickets {
    let client: BusClient
    let staffing: DemoStaffing

    /// What happened to one contact.
    struct Outcome: Sendable {
        let contact: DemoContact
        let ticketID: String
        let gesture: Tickets.GestureOutcome?
    }

    func play(_ contact: DemoContact) async throws -> Outcome {
        let agentID = staffing.employees[contact.agent.name]
        let key = "demo-\(contact.number)"
        let ticket = try await client.call(
            Tickets.createTicket,
            Tickets.CreateTicketRequest(
                customer: contact.customer, channel: contact.channel, product_category: contact.category,
                order_reference: "ORD-\(100_000 + contact.number)", subject: contact.story.subject,
                notes: [contact.story.note], body: contact.story.subject + ". Can you help?",
                received_at_ms: contact.receivedAt.unixMilliseconds, assignee_id: agentID,
                team_id: staffing.teams[contact.agent.team]),
            options: .init(idempotencyKey: key)
        ).ticket
        guard let id = ticket?.ticket_id else {
            throw DemoError("tickets created ticket \(contact.number) without an id")
        }
        if ticket?.sla?.first_response_at_ms == nil && ticket?.sla?.answered_live != true {
            _ = try await client.call(
                Tickets.addMessage,
                Tickets.AddMessageRequest(
                    ticket_id: id, kind: .publicReply, author_id: agentID,
                    body: "Thanks for letting us know, \(contact.customerName)! We are on it.",
                    sent_at_ms: contact.receivedAt.addingTimeInterval(contact.answeredAfter).unixMilliseconds))
        }
        var gesture: Tickets.GestureOutcome?
        if let cents = contact.gestureCents {
            gesture = try await client.call(
                Tickets.grantGesture,
                Tickets.GrantGestureRequest(
                    ticket_id: id, employee_id: agentID, kind: contact.story.gesture,
                    amount: Money(minorUnits: cents, currency: .eur),
                    description: "Sorry about this: \(contact.story.note.lowercased())"),
                options: .init(idempotencyKey: key + "-gesture")
            ).gesture?.outcome
        }
        if contact.escalate {
            _ = try await client.call(
                Tickets.escalateTicket,
                Tickets.EscalateTicketRequest(ticket_id: id, escalated_by_id: agentID, reason: "Needs a deeper look"),
                options: .init(idempotencyKey: key + "-escalate"))
        }
        if contact.resolve {
            _ = try await client.call(
                Tickets.resolveTicket,
                Tickets.ResolveTicketRequest(
                    ticket_id: id, resolved_by_id: agentID, summary: "Solved: \(contact.story.subject.lowercased())"),
                options: .init(idempotencyKey: key + "-resolve"))
        }
        return Outcome(contact: contact, ticketID: id, gesture: gesture)
    }

    /// The agent whose gesture over budget waits for their lead (`DemoSignIn` signs
    /// both in) on the team screen.
    static let overrunAgent = "Daan Bakker"

    /// A gesture beyond any demo budget (EUR 250 against EUR 150 a month) on one of
    /// `overrunAgent`'s tickets, so a lead always finds one waiting for approval.
    /// - Returns: whether one is waiting.
    func overrun(after outcomes: [Outcome]) async throws -> Bool {
        let mine = outcomes.filter { $0.contact.agent.name == Self.overrunAgent }
        guard let outcome = mine.first(where: { !$0.contact.resolve }) ?? mine.first else { return false }
        let gesture = try await client.call(
            Tickets.grantGesture,
            Tickets.GrantGestureRequest(
                ticket_id: outcome.ticketID, employee_id: staffing.employees[Self.overrunAgent], kind: .service,
                amount: Money(minorUnits: 25_000, currency: .eur),
                description: "A hairdresser for the customer whose hair dye went wrong"),
            options: .init(idempotencyKey: "demo-overrun")
        ).gesture
        return gesture?.outcome == .refused
    }
}

struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

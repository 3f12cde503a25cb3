import Bus
import Contract

/// What channels asks of the other services: tickets opens a ticket with the
/// customer's first message, adds a message to one, reads one; feedback gives a
/// survey's invitation. Every write carries the idempotency key of the inbound
/// message, so a retry after a crash or a lost reply returns the same ticket message
/// instead of a second one.
struct PeerServices: Sendable {
    let client: any RPCClient
    /// Budget of each call.
    var timeout: Duration = .seconds(5)

    private var tickets: Tickets.Client { Tickets.Client(client) }

    func open(_ request: Tickets.CreateTicketRequest, key: String) async throws -> Tickets.Ticket {
        let reply = try await tickets.createTicket(request, options: .init(timeout: timeout, idempotencyKey: key))
        guard let ticket = reply.ticket, ticket.ticket_id != nil else {
            throw RPCError(.internal, "CreateTicket replied without a ticket")
        }
        return ticket
    }

    func add(_ request: Tickets.AddMessageRequest, key: String) async throws -> Tickets.AddMessageReply {
        try await tickets.addMessage(request, options: .init(timeout: timeout, idempotencyKey: key))
    }

    func ticket(_ id: String) async throws -> Tickets.Ticket {
        let reply = try await tickets.getTicket(.init(ticket_id: id), options: .init(timeout: timeout))
        guard let ticket = reply.ticket else { throw RPCError(.internal, "GetTicket replied without a ticket") }
        return ticket
    }

    /// Feedback's invitation (with its token), for a survey delivery.
    func invitation(_ id: String) async throws -> Feedback.Invitation {
        let reply = try await Feedback.Client(client).getInvitation(
            .init(invitation_id: id), options: .init(timeout: timeout))
        guard let invitation = reply.invitation else {
            throw RPCError(.internal, "GetInvitation replied without an invitation")
        }
        return invitation
    }
}

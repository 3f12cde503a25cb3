import Wire

/// A typed method of a service, as clients call it and workers serve it:
///
/// ```swift
/// let getTicket = Method<Tickets.GetTicketRequest, Tickets.GetTicketReply>(
///     service: "tickets", name: "GetTicket", idempotent: true)
/// let reply = try await client.call(getTicket, Tickets.GetTicketRequest(ticket_id: "T-1"))
/// ```
public struct Method<Request: WireMessage, Reply: WireMessage>: Sendable {
    /// The service's bus name, e.g. "tickets".
    public let service: String
    /// The rpc name in proto/, e.g. "ResolveTicket".
    public let name: String
    /// Safe to run twice: the broker re-dispatches it when its worker dies.
    public let idempotent: Bool

    public init(service: String, name: String, idempotent: Bool = false) {
        self.service = service
        self.name = name
        self.idempotent = idempotent
    }

}

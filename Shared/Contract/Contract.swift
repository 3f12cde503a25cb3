import Bus
import Domain

// The Swift side of proto/: `Generated/` holds one namespace per service
// (`Staff`, `Tickets`, `Feedback`, `Analytics`) with its messages, enums, a typed
// `Method` per rpc, the `Handler` protocol the service adopts (one requirement per
// rpc) and a typed `Client`, written by glimlach-contractgen (scripts/gen-proto).
// `Edge/` gives the Domain values the contract carries (`Money`, `TimeWindow`,
// `Channel`) their wire shape, and maps `NPSCategory` to `Feedback.NpsCategory`.
//
//     let reply = try await Tickets.Client(client).getTicket(.init(ticket_id: id))
//     router.register(TicketsService(...))   // a Tickets.Handler

extension DomainError: RPCErrorConvertible {
    /// A broken domain rule in a request is the caller's mistake: INVALID_ARGUMENT,
    /// with the message starting with the field's name.
    public var rpcError: RPCError { RPCError(.invalidArgument, description) }
}

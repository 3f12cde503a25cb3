import Bus
import Domain

// The Swift side of proto/: `Generated/` holds one namespace per service
// (`Staff`, `Tickets`, `Feedback`, `Analytics`) with its messages, enums and a
// typed `Method` per rpc, written by glimlach-contractgen (scripts/gen-proto).
//
//     let reply = try await client.call(Tickets.getTicket, .init(ticket_id: id))

extension DomainError: RPCErrorConvertible {
    /// A broken domain rule in a request is the caller's mistake: INVALID_ARGUMENT,
    /// with the message starting with the field's name.
    public var rpcError: RPCError { RPCError(.invalidArgument, description) }
}

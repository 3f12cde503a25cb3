import Bus
import Contract
import Domain
import Hummingbird

/// The ticket page's customer forms: `POST /tickets/{id}/customer/{handle,merge,split}`.
/// An agent adds a way to reach the ticket's customer (an address, a number for the
/// phone and WhatsApp, a Messenger id), joins another customer who is the same person
/// (named by one of their handles), or splits off a handle that is someone else's
/// with the tickets that came from it. Tickets decides; its refusal is shown.
extension TicketRoutes {
    static let customerActions: [(String, Action)] = [
        ("customer/handle", addHandle), ("customer/merge", merge), ("customer/split", split),
    ]

    /// The handle kinds the forms offer, by form value.
    static let handleKinds: [(value: String, channel: Channel)] = [
        ("email", .email), ("phone", .phone), ("messenger", .facebookMessenger),
    ]

    static func handleKind(_ value: String?) -> Channel? {
        handleKinds.first { $0.value == value }?.channel
    }

    private static func customerID(of ticket: String, calls: AgentCalls) async throws -> String {
        guard let id = try await calls.call(Tickets.getTicket, .init(ticket_id: ticket)).ticket?.customer?.customer_id
        else { throw RPCError(.notFound, "ticket \(ticket) has no customer") }
        return id
    }

    private static let addHandle: Action = { id, form, key, calls, t in
        guard let kind = handleKind(form["kind"]) else { throw FormError(message: t["customer_handle_kind_missing"]) }
        let customer = try await customerID(of: id, calls: calls)
        _ = try await calls.call(
            Tickets.addCustomerHandle,
            .init(customer_id: customer, channel: kind, handle: form["handle"] ?? "", added_by_id: calls.agent),
            key: key)
        return t["customer_handle_added"]
    }

    private static let merge: Action = { id, form, key, calls, t in
        guard let kind = handleKind(form["kind"]) else { throw FormError(message: t["customer_handle_kind_missing"]) }
        let customer = try await customerID(of: id, calls: calls)
        let other = try await calls.call(Tickets.getCustomer, .init(channel: kind, handle: form["handle"] ?? ""))
        guard let merged = other.customer_id, merged != customer else {
            throw FormError(message: t["customer_merge_same"])
        }
        let reply = try await calls.call(
            Tickets.mergeCustomers, .init(customer_id: customer, merged_customer_id: merged, merged_by_id: calls.agent),
            key: key)
        return t.format("customer_merged", ["tickets": "\(reply.moved_tickets ?? 0)"])
    }

    private static let split: Action = { id, form, key, calls, t in
        guard let kind = handleKind(form["kind"]) else { throw FormError(message: t["customer_handle_kind_missing"]) }
        let customer = try await customerID(of: id, calls: calls)
        let reply = try await calls.call(
            Tickets.splitCustomer,
            .init(
                customer_id: customer, handles: [.init(kind: kind, handle: form["handle"] ?? "")],
                split_by_id: calls.agent),
            key: key)
        return t.format("customer_split", ["tickets": "\(reply.moved_tickets ?? 0)"])
    }
}

import Bus
import Contract
import Domain
import ServiceKit

extension TicketsService {
    /// GetCustomer: a customer's handles, by id or by one of them.
    func getCustomer(_ request: Tickets.GetCustomerRequest, _ context: CallContext) async throws
        -> Tickets.GetCustomerReply
    {
        let given = try Fields.optionalText(request.customer_id, "customer_id", maxLength: 64)
        let handle = try Fields.optionalText(request.handle, "handle", maxLength: 320)
        return try await store.read { tx in
            let id: String
            switch (given, handle) {
            case (let customer?, nil): id = customer
            case (nil, let handle?):
                let channel = try Fields.required(request.channel, "channel")
                guard let found = try tx.customerID(channel: channel, handle: handle) else {
                    throw RPCError(.notFound, "handle: no customer has '\(handle)'")
                }
                id = found
            default: throw RPCError.invalidArgument(field: "customer_id", "set exactly one of customer_id and handle")
            }
            guard try tx.customerExists(id) else { throw RPCError.notFound("customer", id) }
            return Tickets.GetCustomerReply(customer_id: id, handles: try tx.handles(customerID: id))
        }
    }

    /// AddCustomerHandle: an employee gives a customer another way to reach them.
    func addCustomerHandle(_ request: Tickets.AddCustomerHandleRequest, _ context: CallContext) async throws
        -> Tickets.AddCustomerHandleReply
    {
        let id = try Fields.text(request.customer_id, "customer_id", maxLength: 64)
        let channel = try Fields.required(request.channel, "channel")
        let text = try Fields.text(request.handle, "handle", maxLength: 320)
        guard let key = HandleKey(channel: channel, handle: text), Self.plausible(key) else {
            throw RPCError.invalidArgument(field: "handle", "'\(text)' is not a \(channel) handle")
        }
        let by = try optionalID(request.added_by_id ?? context.actor, "added_by_id")
        return try await store.write(method: "AddCustomerHandle", idempotencyKey: context.idempotencyKey) { tx in
            try requireCustomer(id, in: tx)
            if let owner = try tx.customerID(channel: channel, handle: text) {
                guard owner == id else {
                    throw Refusal.precondition(
                        "handle: '\(key.value)' is customer \(owner)'s; merge the two customers instead")
                }
                return Tickets.AddCustomerHandleReply(handles: try tx.handles(customerID: id))
            }
            try tx.setHandle(key, customerID: id, addedByID: by)
            let handle = try tx.handles(customerID: id).first { $0.kind == key.kind && $0.handle == key.value }
            try tx.record(
                "customer.handle_added", subject: id, Tickets.CustomerHandleAdded(customer_id: id, handle: handle))
            return Tickets.AddCustomerHandleReply(handles: try tx.handles(customerID: id))
        }
    }

    /// MergeCustomers: the merged customer's handles and tickets become the kept one's.
    func mergeCustomers(_ request: Tickets.MergeCustomersRequest, _ context: CallContext) async throws
        -> Tickets.MergeCustomersReply
    {
        let kept = try Fields.text(request.customer_id, "customer_id", maxLength: 64)
        let merged = try Fields.text(request.merged_customer_id, "merged_customer_id", maxLength: 64)
        guard kept != merged else {
            throw RPCError.invalidArgument(field: "merged_customer_id", "is the same customer as customer_id")
        }
        let by = try optionalID(request.merged_by_id ?? context.actor, "merged_by_id")
        return try await store.write(method: "MergeCustomers", idempotencyKey: context.idempotencyKey) { tx in
            try requireCustomer(kept, in: tx)
            try requireCustomer(merged, in: tx, field: "merged_customer_id")
            for handle in try tx.handles(customerID: merged) {
                guard let kind = handle.kind, let value = handle.handle else { continue }
                try tx.setHandle(HandleKey(kind: kind, value: value), customerID: kept, addedByID: handle.added_by_id)
            }
            let moved = try move(try tx.tickets(customerID: merged), to: kept, in: tx)
            try tx.record(
                "customer.merged", subject: kept,
                Tickets.CustomersMerged(
                    customer_id: kept, merged_customer_id: merged, moved_tickets: moved, merged_by_id: by))
            return Tickets.MergeCustomersReply(handles: try tx.handles(customerID: kept), moved_tickets: moved)
        }
    }

    /// SplitCustomer: the handles named, and the tickets that came from them, become
    /// a new customer's.
    func splitCustomer(_ request: Tickets.SplitCustomerRequest, _ context: CallContext) async throws
        -> Tickets.SplitCustomerReply
    {
        let id = try Fields.text(request.customer_id, "customer_id", maxLength: 64)
        guard !request.handles.isEmpty else {
            throw RPCError.invalidArgument(field: "handles", "name at least one handle to split off")
        }
        let keys = try request.handles.enumerated().map { index, handle in
            let channel = try Fields.required(handle.kind, "handles[\(index)].kind")
            let text = try Fields.text(handle.handle, "handles[\(index)].handle", maxLength: 320)
            guard let key = HandleKey(channel: channel, handle: text) else {
                throw RPCError.invalidArgument(field: "handles[\(index)].handle", "'\(text)' is not a handle")
            }
            return key
        }
        let by = try optionalID(request.split_by_id ?? context.actor, "split_by_id")
        return try await store.write(method: "SplitCustomer", idempotencyKey: context.idempotencyKey) { tx in
            let own = Set(
                try tx.handles(customerID: id).compactMap { handle in
                    handle.kind.flatMap { kind in handle.handle.map { HandleKey(kind: kind, value: $0) } }
                })
            if let foreign = keys.first(where: { !own.contains($0) }) {
                throw Refusal.invalid(field: "handles", "'\(foreign.value)' is not customer \(id)'s")
            }
            guard own.subtracting(keys).count > 0 else {
                throw Refusal.invalid(field: "handles", "would leave customer \(id) without a handle")
            }
            let newID = CustomerID.random().rawValue
            for key in keys { try tx.setHandle(key, customerID: newID, addedByID: by) }
            let theirs = try tx.tickets(customerID: id).filter { record in
                guard let channel = record.channel, let handle = record.ticket.customer?.handle,
                    let key = HandleKey(channel: channel, handle: handle)
                else { return false }
                return keys.contains(key)
            }
            let moved = try move(theirs, to: newID, in: tx)
            try tx.record(
                "customer.split", subject: id,
                Tickets.CustomerSplit(customer_id: id, new_customer_id: newID, moved_tickets: moved, split_by_id: by))
            return Tickets.SplitCustomerReply(new_customer_id: newID, moved_tickets: moved)
        }
    }

    /// - Throws: NOT_FOUND naming `field` when no handle or ticket has the customer.
    private func requireCustomer(_ id: String, in tx: any TicketsReading, field: String = "customer_id") throws {
        guard try tx.customerExists(id) else {
            throw RPCError(.notFound, "\(field): no customer '\(id)'")
        }
    }

    private func move(_ records: [TicketRecord], to customerID: String, in tx: any TicketsWriting) throws -> UInt32 {
        for var record in records {
            record.ticket.customer?.customer_id = customerID
            record.ticket.updated_at_ms = tx.nowMs
            try tx.save(record)
        }
        return UInt32(records.count)
    }

    /// Whether a key looks like its kind: an address with a domain, a number of six
    /// digits or more.
    static func plausible(_ key: HandleKey) -> Bool {
        switch key.kind {
        case .email: (try? Validation.email(key.value, field: "handle")) != nil
        case .phone: key.value.count >= 7
        default: true
        }
    }
}

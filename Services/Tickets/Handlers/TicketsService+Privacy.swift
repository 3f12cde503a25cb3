import Bus
import Contract
import ServiceKit

extension TicketsService {
    /// ExportCustomer: the customer's handles and whole tickets, and their erasure if any.
    func exportCustomer(_ request: Tickets.ExportCustomerRequest, _ context: CallContext) async throws
        -> Tickets.ExportCustomerReply
    {
        try PrivacyRequests.checkOperator(context)
        let id = try Fields.text(request.customer_id, "customer_id", maxLength: 64)
        return try await store.read { tx in
            let erasure = try requireKnown(id, in: tx)
            let hours = try ServiceHours(reading: tx)
            let nowMs = store.now.unixMilliseconds
            return Tickets.ExportCustomerReply(
                customer_id: id, handles: try tx.handles(customerID: id),
                tickets: try tx.tickets(customerID: id).map { try view($0, hours: hours, nowMs: nowMs, details: tx) },
                erased_at_ms: erasure?.atMs, erased_reason: erasure?.reason)
        }
    }

    /// EraseCustomer: blanks what identifies the customer on every ticket of theirs,
    /// deletes their handles and records `customer.erased` for feedback and channels.
    func eraseCustomer(_ request: Tickets.EraseCustomerRequest, _ context: CallContext) async throws
        -> Tickets.EraseCustomerReply
    {
        try PrivacyRequests.checkOperator(context)
        let id = try Fields.text(request.customer_id, "customer_id", maxLength: 64)
        let reason = try Fields.text(request.reason, "reason", maxLength: 500)
        let reply = try await store.write(method: "EraseCustomer", idempotencyKey: context.idempotencyKey) { tx in
            _ = try requireKnown(id, in: tx)
            var ticketIDs: [String] = []
            for var record in try tx.tickets(customerID: id) {
                record.ticket.erasePersonalData()
                try tx.save(record)
                try tx.eraseConversation(ticketID: record.id)
                for var gesture in try tx.gestures(ticketID: record.id) where gesture.description != nil {
                    gesture.description = nil
                    try tx.save(gesture)
                }
                ticketIDs.append(record.id)
            }
            try tx.eraseCustomer(id, reason: reason)
            try tx.forgetReplies(mentioning: [id] + ticketIDs)
            try tx.record(
                "customer.erased", subject: id,
                Tickets.CustomerErased(customer_id: id, ticket_ids: ticketIDs, reason: reason, erased_at_ms: tx.nowMs))
            return Tickets.EraseCustomerReply(ticket_ids: ticketIDs, erased_at_ms: tx.nowMs)
        }
        try await store.truncateJournal()
        return reply
    }

    /// The erasure of customer `id`, if any.
    /// - Throws: NOT_FOUND naming `customer_id` for a customer tickets never had
    ///   (no handle or ticket now, and never erased).
    private func requireKnown(_ id: String, in tx: any TicketsReading) throws -> (atMs: Int64, reason: String)? {
        let erasure = try tx.erasure(customerID: id)
        guard try erasure != nil || tx.customerExists(id) else {
            throw RPCError(.notFound, "customer_id: no customer '\(id)'")
        }
        return erasure
    }
}

extension Tickets.Ticket {
    /// Blanks the fields of a ticket that could identify its customer; keeps times,
    /// channel, country, language, status and the people who served.
    mutating func erasePersonalData() {
        customer?.name = nil
        customer?.handle = nil
        subject = nil
        order_reference = nil
        escalation_reason = nil
        resolution_summary = nil
        follow_up?.comment = nil
    }
}

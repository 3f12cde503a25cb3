import Contract
import ServiceKit
import Wire

extension TicketsSQLWriter {
    func eraseCustomer(_ customerID: String, reason: String) throws {
        try session.execute("DELETE FROM customer_handle WHERE customer_id = ?", customerID)
        try blank(Tickets.CustomerHandleAdded.self, "customer.handle_added", customerID) { $0.handle?.handle = "" }
        try session.upsert(
            "erased_customer", key: ["customer_id"],
            [("customer_id", customerID), ("erased_at_ms", nowMs), ("reason", reason)])
    }

    func eraseConversation(ticketID: String) throws {
        try session.execute("UPDATE message SET body = '' WHERE ticket_id = ?", ticketID)
        try session.execute("UPDATE note SET text = '' WHERE ticket_id = ?", ticketID)
        try blank(Tickets.TicketCreated.self, "ticket.created", ticketID) { $0.order_reference = nil }
        try blank(Tickets.TicketEscalated.self, "ticket.escalated", ticketID) { $0.reason = nil }
        try blank(Tickets.TicketReopened.self, "ticket.reopened", ticketID) { $0.reason = nil }
        try blank(Tickets.GestureGranted.self, "gesture.granted", ticketID) { $0.description = nil }
        try blank(Tickets.TicketResolved.self, "ticket.resolved", ticketID) {
            $0.customer_name = nil
            $0.customer_handle = nil
            $0.summary = nil
        }
    }

    /// Rewrites the recorded `type` events about `subject` with `erase` applied.
    private func blank<Payload: WireMessage>(
        _ payload: Payload.Type, _ type: String, _ subject: String, _ erase: (inout Payload) -> Void
    ) throws {
        try rewriteEvents(type: type, subject: subject) { bytes in
            var event = try Payload(wireBytes: bytes)
            erase(&event)
            return try event.wireBytes()
        }
    }
}

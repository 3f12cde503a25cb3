import Contract
import Domain
import ServiceKit

extension TicketsService {
    /// Stores a new ticket with its first message and notes, and records
    /// `ticket.created`, `ticket.message_added`, `ticket.note_added` and, for channels
    /// answered live, `ticket.first_response`. The caller saves again after changing it.
    func insert(_ new: NewTicket, in tx: any TicketsWriting, hours: ServiceHours) throws -> TicketRecord {
        let now = new.createdAtMs ?? tx.nowMs
        let id = TicketID.random().rawValue
        var customer = new.customer
        let customerID =
            try customer.customer_id ?? tx.customerID(channel: new.channel, handle: customer.handle ?? "")
            ?? CustomerID.random().rawValue
        customer.customer_id = customerID
        try tx.saveCustomer(id: customerID, channel: new.channel, handle: customer.handle ?? "")
        let contactNumber = try new.orderReference.map { try tx.contactCount(orderReference: $0) + 1 } ?? 1
        let received = new.receivedAtMs ?? now
        let clock = ResponseClock(receivedAtMs: received, target: hours.target(new.channel))
        let record = TicketRecord(
            ticket: Tickets.Ticket(
                ticket_id: id, customer: customer, channel: new.channel, product_category: new.productCategory,
                order_reference: new.orderReference, subject: new.subject, status: .new, priority: new.priority,
                assignee_id: new.assigneeID, team_id: new.teamID, employer_id: new.employerID,
                contact_number: contactNumber, special_care: false, follow_up: new.followUp, reopen_count: 0,
                created_at_ms: now, updated_at_ms: now),
            clock: clock, createdByID: new.createdByID)
        try tx.save(record)
        let calendar = hours.hours(new.channel, customer.country ?? "")
        try tx.record(
            "ticket.created", subject: id,
            Tickets.TicketCreated(
                ticket_id: id, customer_id: customer.customer_id, channel: new.channel, country: customer.country,
                language: customer.language, product_category: new.productCategory,
                order_reference: new.orderReference, priority: new.priority, contact_number: contactNumber,
                assignee_id: new.assigneeID, team_id: new.teamID, created_at_ms: now, received_at_ms: received,
                first_response_due_at_ms: clock.dueAtMs(hours: calendar), first_response_target_ms: clock.targetMs,
                follow_up_response_id: new.followUp?.response_id))
        if let body = new.body {
            try append(
                Tickets.TicketMessage(
                    message_id: MessageID.random().rawValue, kind: .inbound, body: body, sent_at_ms: received,
                    created_at_ms: now), to: record, in: tx)
        }
        for text in new.notes {
            try append(
                note: Tickets.TicketNote(
                    note_id: NoteID.random().rawValue, author_id: new.createdByID, text: text,
                    created_at_ms: now), to: id, in: tx)
        }
        if clock.answeredLive {
            try tx.record(
                "ticket.first_response", subject: id,
                Tickets.TicketFirstResponse(
                    ticket_id: id, channel: new.channel, country: customer.country, team_id: new.teamID,
                    agent_id: new.createdByID ?? new.assigneeID, received_at_ms: received, responded_at_ms: received,
                    response_ms: 0, target_ms: 0, within_target: true))
        }
        return record
    }
}

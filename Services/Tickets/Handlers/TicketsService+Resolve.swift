import Bus
import Contract
import Domain
import ServiceKit

extension TicketsService {
    /// ResolveTicket: with a summary; publishes `ticket.resolved` with the attribution
    /// feedback freezes into the survey invitation (agent, team, employer, channel,
    /// country, product category) and analytics counts. The employer is the credited
    /// agent's employer now, asked of staff: an agent who moved to a partner agency
    /// since the assignment is credited to the agency.
    func resolveTicket(_ request: Tickets.ResolveTicketRequest, _ context: CallContext) async throws
        -> Tickets.ResolveTicketReply
    {
        let summary = try Fields.text(request.summary, "summary", maxLength: 4000)
        let by = try optionalID(request.resolved_by_id, "resolved_by_id")
        let ticketID = request.ticket_id
        let current = try await store.read { try existing(ticketID, in: $0) }
        try current.status.checkResolve()
        let credited = current.ticket.assignee_id ?? by
        let employer = try await credited.asyncMap { try await staff.currentEmployer(of: $0) } ?? nil
        let ticket = try await update("ResolveTicket", ticketID: ticketID) { record, tx, _ in
            try record.status.checkResolve()
            // The lookup holds unless the ticket changed hands in the meantime.
            let employerNow = (record.ticket.assignee_id ?? by) == credited ? employer : record.ticket.employer_id
            if record.ticket.assignee_id != nil { record.ticket.employer_id = employerNow }
            record.ticket.status = .resolved
            record.ticket.resolution_summary = summary
            record.ticket.resolved_at_ms = tx.nowMs
            try tx.record(
                "ticket.resolved", subject: record.id,
                record.resolvedEvent(by: by, employer: employerNow, atMs: tx.nowMs))
        }
        return Tickets.ResolveTicketReply(ticket: ticket)
    }
}

extension TicketRecord {
    /// The `ticket.resolved` payload, every field filled from the ticket as it is now.
    /// The agent credited is the assignee, or whoever resolved an unassigned ticket;
    /// `employer` is theirs at resolution.
    func resolvedEvent(by resolver: String?, employer: String?, atMs: Int64) -> Tickets.TicketResolved {
        let customer = ticket.customer
        return Tickets.TicketResolved(
            ticket_id: id, agent_id: ticket.assignee_id ?? resolver, team_id: ticket.team_id,
            employer_id: employer, channel: ticket.channel, country: customer?.country,
            product_category: ticket.product_category, resolved_at_ms: atMs, customer_id: customer?.customer_id,
            customer_name: customer?.name, customer_handle: customer?.handle, customer_language: customer?.language,
            summary: ticket.resolution_summary, resolved_by_id: resolver ?? ticket.assignee_id,
            first_contact_resolution: !inboundAfterReply && (ticket.reopen_count ?? 0) == 0,
            reopen_count: ticket.reopen_count ?? 0, follow_up_response_id: ticket.follow_up?.response_id,
            created_at_ms: ticket.created_at_ms)
    }
}

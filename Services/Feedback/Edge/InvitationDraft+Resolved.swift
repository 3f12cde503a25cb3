import Bus
import Contract

extension InvitationDraft {
    /// The invitation a resolved ticket asks for: attribution frozen at resolution.
    init(_ resolved: Tickets.TicketResolved, _ event: Event) {
        let resolvedAt = resolved.resolved_at_ms ?? event.occurred_at_ms
        self.init(
            source: .ticketResolved,
            attribution: Feedback.Attribution(
                ticket_id: resolved.ticket_id ?? event.subject_id, agent_id: resolved.agent_id,
                team_id: resolved.team_id, employer_id: resolved.employer_id, channel: resolved.channel,
                country: resolved.country, product_category: resolved.product_category, contact_at_ms: resolvedAt),
            customerID: resolved.customer_id, customerName: resolved.customer_name,
            customerHandle: resolved.customer_handle, language: resolved.customer_language, contactAtMs: resolvedAt)
    }
}

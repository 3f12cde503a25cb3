import Bus
import Contract
import Domain
import ServiceKit

extension TicketsService {
    /// ListTickets: search with filters, newest first, a page at a time. `breached`
    /// and `sla_states` match what the scheduler last flagged.
    func listTickets(_ request: Tickets.ListTicketsRequest, _ context: CallContext) async throws
        -> Tickets.ListTicketsReply
    {
        let page = try Page(size: request.page_size, token: request.page_token)
        var filter = TicketFilter(
            statuses: request.statuses, channels: request.channels,
            assigneeID: try Fields.optionalText(request.assignee_id, "assignee_id", maxLength: 64),
            teamID: try Fields.optionalText(request.team_id, "team_id", maxLength: 64), breached: request.breached,
            specialCare: request.special_care,
            customerID: try Fields.optionalText(request.customer_id, "customer_id", maxLength: 64),
            orderReference: try Fields.optionalText(request.order_reference, "order_reference", maxLength: 64),
            text: try Fields.optionalText(request.text, "text", maxLength: 200), slaStates: request.sla_states)
        if let country = try Fields.optionalText(request.country, "country", maxLength: 2) {
            filter.country = try Country(country).code
        }
        if let category = try Fields.optionalText(request.product_category, "product_category", maxLength: 40) {
            filter.productCategory = try ProductCategory(category).slug
        }
        if let window = request.created {
            filter.createdFromMs = window.from.unixMilliseconds
            filter.createdToMs = window.to.unixMilliseconds
        }
        let nowMs = store.now.unixMilliseconds
        let query = filter
        return try await store.read { reading in
            let hours = try ServiceHours(reading: reading)
            let rows = try reading.tickets(matching: query, offset: page.offset, limit: page.limit)
            let (shown, next) = page.cut(rows)
            return Tickets.ListTicketsReply(
                tickets: try shown.map { try view($0, hours: hours, nowMs: nowMs) }, next_page_token: next)
        }
    }
}

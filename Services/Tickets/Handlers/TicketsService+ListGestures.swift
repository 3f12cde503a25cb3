import Bus
import Contract
import Domain
import ServiceKit

extension TicketsService {
    /// ListGestures: gestures across tickets, oldest first, a page at a time. With
    /// outcome REFUSED and a team, a lead's queue of gestures waiting for approval,
    /// the one that has waited longest on top.
    func listGestures(_ request: Tickets.ListGesturesRequest, _ context: CallContext) async throws
        -> Tickets.ListGesturesReply
    {
        let page = try Page(size: request.page_size, token: request.page_token)
        let filter = GestureFilter(
            outcome: request.outcome == .unspecified ? nil : request.outcome,
            teamID: try Fields.optionalText(request.team_id, "team_id", maxLength: 64),
            employeeID: try optionalID(request.employee_id, "employee_id"),
            ticketID: try Fields.optionalText(request.ticket_id, "ticket_id", maxLength: 64))
        return try await store.read { reading in
            let rows = try reading.gestures(matching: filter, offset: page.offset, limit: page.limit)
            let (shown, next) = page.cut(rows)
            return Tickets.ListGesturesReply(gestures: shown, next_page_token: next)
        }
    }
}

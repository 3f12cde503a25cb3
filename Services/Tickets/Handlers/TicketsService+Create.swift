import Bus
import Contract
import Domain
import ServiceKit

extension TicketsService {
    /// CreateTicket: a customer contact on any channel. The third contact on one order
    /// reference goes to Special Care at once (`TicketsSettings.repeatContactThreshold`).
    func createTicket(_ request: Tickets.CreateTicketRequest, _ context: CallContext) async throws
        -> Tickets.CreateTicketReply
    {
        let customer = try Fields.required(request.customer, "customer").checked(field: "customer")
        let channel = try Fields.required(request.channel, "channel")
        let category = try ProductCategory(
            try Fields.required(request.product_category, "product_category"), field: "product_category"
        ).slug
        let order = try Fields.optionalText(request.order_reference, "order_reference", maxLength: 64)
        let notes = try request.notes.enumerated().map { index, note in
            try Fields.text(note, "notes[\(index)]", maxLength: 4000)
        }
        if let received = request.received_at_ms, received <= 0 {
            throw RPCError.invalidArgument(
                field: "received_at_ms", "must be a Unix time in milliseconds, got \(received)")
        }
        var new = NewTicket(
            customer: customer, channel: channel, productCategory: category, orderReference: order,
            subject: try Fields.text(request.subject, "subject"), notes: notes,
            priority: request.priority.flatMap { $0 == .unspecified ? nil : $0 } ?? .normal,
            body: try Fields.optionalText(request.body, "body", maxLength: 20_000),
            receivedAtMs: request.received_at_ms,
            createdByID: try optionalID(request.created_by_id, "created_by_id"))
        let assignment = try await assignment(
            assigneeID: try optionalID(request.assignee_id, "assignee_id"),
            teamID: try Fields.optionalText(request.team_id, "team_id", maxLength: 64))
        (new.assigneeID, new.teamID, new.employerID) = (assignment.assigneeID, assignment.teamID, assignment.employerID)
        var specialCare: Staff.Team?
        if let order {
            let earlier = try await store.read { try $0.contactCount(orderReference: order) }
            if earlier + 1 >= settings.repeatContactThreshold { specialCare = try await staff.specialCareTeam() }
        }
        let threshold = settings.repeatContactThreshold
        let (draft, team) = (new, specialCare)
        return try await store.write(method: "CreateTicket", idempotencyKey: context.idempotencyKey) { tx in
            let hours = try ServiceHours(reading: tx)
            var record = try insert(draft, in: tx, hours: hours)
            let contact = record.ticket.contact_number ?? 1
            if let team, contact >= threshold {
                try escalate(
                    &record, to: team, trigger: .repeatContact,
                    reason: "contact \(contact) on order \(order ?? "")", by: nil, in: tx)
                try tx.save(record)
            }
            return Tickets.CreateTicketReply(ticket: try view(record, hours: hours, nowMs: tx.nowMs, details: tx))
        }
    }

    /// GetTicket: the ticket with its messages, notes, gestures and SLA.
    func getTicket(_ request: Tickets.GetTicketRequest, _ context: CallContext) async throws -> Tickets.GetTicketReply {
        let nowMs = store.now.unixMilliseconds
        return try await store.read { reading in
            let record = try existing(request.ticket_id, in: reading)
            let hours = try ServiceHours(reading: reading)
            return Tickets.GetTicketReply(ticket: try view(record, hours: hours, nowMs: nowMs, details: reading))
        }
    }

    /// GetSlaStatus: the first-response clock of one ticket, now.
    func getSlaStatus(_ request: Tickets.GetSlaStatusRequest, _ context: CallContext) async throws
        -> Tickets.GetSlaStatusReply
    {
        let ticket = try await getTicket(Tickets.GetTicketRequest(ticket_id: request.ticket_id), context).ticket
        return Tickets.GetSlaStatusReply(sla: ticket?.sla)
    }

    /// Who a ticket goes to: the assignee and team checked with staff. Only an
    /// assignee: their team. Only a team: unassigned in its queue. Only trained
    /// employees at work (PROBATION or ACTIVE) own tickets.
    func assignment(assigneeID: String?, teamID: String?) async throws -> (
        assigneeID: String?, teamID: String?, employerID: String?
    ) {
        var team = teamID
        var employer: String?
        if let assigneeID {
            let employee = try await staff.ticketOwner(assigneeID, field: "assignee_id")
            employer = employee.employer_id
            if team == nil { team = employee.team_id }
        }
        if let teamID { _ = try await staff.team(teamID, field: "team_id") }
        return (assigneeID, team, employer)
    }
}

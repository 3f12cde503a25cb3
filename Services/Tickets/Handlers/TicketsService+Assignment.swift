import Bus
import Contract
import Domain
import ServiceKit

extension TicketsService {
    /// AssignTicket: assignee and team checked with staff. Only a team: unassigned in
    /// its queue. Only an assignee: their team.
    func assignTicket(_ request: Tickets.AssignTicketRequest, _ context: CallContext) async throws
        -> Tickets.AssignTicketReply
    {
        let assigneeID = try optionalID(request.assignee_id, "assignee_id")
        let teamID = try Fields.optionalText(request.team_id, "team_id", maxLength: 64)
        guard assigneeID != nil || teamID != nil else {
            throw RPCError.invalidArgument(field: "assignee_id", "set assignee_id, team_id or both")
        }
        let by = try optionalID(request.assigned_by_id, "assigned_by_id")
        let ticketID = request.ticket_id
        // Unknown ticket first: no need to ask staff about it.
        _ = try await store.read { try existing(ticketID, in: $0) }
        let target = try await assignment(assigneeID: assigneeID, teamID: teamID)
        let ticket = try await update("AssignTicket", ticketID: ticketID) { record, tx, _ in
            guard record.status != .closed else { throw RPCError(.failedPrecondition, "ticket \(record.id) is closed") }
            let previous = record.ticket
            record.ticket.assignee_id = target.assigneeID
            record.ticket.team_id = target.teamID
            record.ticket.employer_id = target.employerID
            try tx.record(
                "ticket.assigned", subject: record.id,
                Tickets.TicketAssigned(
                    ticket_id: record.id, assignee_id: target.assigneeID, team_id: target.teamID,
                    employer_id: target.employerID, previous_assignee_id: previous.assignee_id,
                    previous_team_id: previous.team_id, assigned_by_id: by, assigned_at_ms: tx.nowMs))
        }
        return Tickets.AssignTicketReply(ticket: ticket)
    }

    /// EscalateTicket: an agent hands the ticket to Special Care, with a reason.
    func escalateTicket(_ request: Tickets.EscalateTicketRequest, _ context: CallContext) async throws
        -> Tickets.EscalateTicketReply
    {
        let by = try EmployeeID(
            try Fields.required(request.escalated_by_id, "escalated_by_id"), field: "escalated_by_id")
        let reason = try Fields.text(request.reason, "reason", maxLength: 2000)
        let ticketID = request.ticket_id
        let current = try await store.read { try existing(ticketID, in: $0) }
        try checkEscalation(current)
        let team = try await staff.specialCareTeam()
        let ticket = try await update("EscalateTicket", ticketID: ticketID) { record, tx, _ in
            try checkEscalation(record)
            try escalate(&record, to: team, trigger: .agent, reason: reason, by: by.rawValue, in: tx)
        }
        return Tickets.EscalateTicketReply(ticket: ticket)
    }

    private func checkEscalation(_ record: TicketRecord) throws {
        guard record.status.isActive else {
            throw RPCError(.failedPrecondition, "a \(record.status.label) ticket cannot be escalated; reopen it first")
        }
        guard record.ticket.special_care != true else {
            throw RPCError(.failedPrecondition, "ticket \(record.id) is already with Special Care")
        }
    }

    /// Hands the ticket to the Special Care team's queue (unassigned) and records
    /// `ticket.escalated`.
    func escalate(
        _ record: inout TicketRecord, to team: Staff.Team, trigger: Tickets.EscalationTrigger, reason: String,
        by: String?, in tx: any TicketsWriting
    ) throws {
        let previous = record.ticket
        record.ticket.special_care = true
        record.ticket.team_id = team.team_id
        record.ticket.assignee_id = nil
        record.ticket.employer_id = nil
        record.ticket.escalation_trigger = trigger
        record.ticket.escalation_reason = reason
        record.ticket.escalated_at_ms = tx.nowMs
        try tx.record(
            "ticket.escalated", subject: record.id,
            Tickets.TicketEscalated(
                ticket_id: record.id, trigger: trigger, reason: reason, escalated_by_id: by,
                previous_team_id: previous.team_id, previous_assignee_id: previous.assignee_id, team_id: team.team_id,
                channel: record.channel, country: record.country, product_category: previous.product_category,
                escalated_at_ms: tx.nowMs))
    }
}

import Bus
import Contract
import Domain
import ServiceKit

extension TicketsService {
    /// SetTicketStatus: moves among NEW, OPEN and PENDING_CUSTOMER.
    func setTicketStatus(_ request: Tickets.SetTicketStatusRequest, _ context: CallContext) async throws
        -> Tickets.SetTicketStatusReply
    {
        let target = try Fields.chosen(request.status, "status")
        let by = try optionalID(request.changed_by_id, "changed_by_id")
        let ticket = try await update("SetTicketStatus", ticketID: request.ticket_id) { record, tx, _ in
            try record.status.checkMove(to: target)
            try changeStatus(&record, to: target, by: by, in: tx)
        }
        return Tickets.SetTicketStatusReply(ticket: ticket)
    }

    /// SetTicketPriority.
    func setTicketPriority(_ request: Tickets.SetTicketPriorityRequest, _ context: CallContext) async throws
        -> Tickets.SetTicketPriorityReply
    {
        let priority = try Fields.chosen(request.priority, "priority")
        let by = try optionalID(request.changed_by_id, "changed_by_id")
        let ticket = try await update("SetTicketPriority", ticketID: request.ticket_id) { record, tx, _ in
            guard record.status != .closed else {
                throw RPCError(.failedPrecondition, "ticket \(record.id) is closed")
            }
            let previous = record.ticket.priority
            guard previous != priority else { return }
            record.ticket.priority = priority
            try tx.record(
                "ticket.priority_changed", subject: record.id,
                Tickets.TicketPriorityChanged(
                    ticket_id: record.id, previous_priority: previous, priority: priority, changed_by_id: by))
        }
        return Tickets.SetTicketPriorityReply(ticket: ticket)
    }

    /// ReopenTicket: a resolved ticket comes back (closed is final).
    func reopenTicket(_ request: Tickets.ReopenTicketRequest, _ context: CallContext) async throws
        -> Tickets.ReopenTicketReply
    {
        let by = try optionalID(request.reopened_by_id, "reopened_by_id")
        let reason = try Fields.optionalText(request.reason, "reason", maxLength: 2000)
        let ticket = try await update("ReopenTicket", ticketID: request.ticket_id) { record, tx, _ in
            try record.status.checkReopen()
            try reopen(&record, by: by, reason: reason, in: tx)
        }
        return Tickets.ReopenTicketReply(ticket: ticket)
    }

    /// CloseTicket: a resolved ticket is done for good.
    func closeTicket(_ request: Tickets.CloseTicketRequest, _ context: CallContext) async throws
        -> Tickets.CloseTicketReply
    {
        let by = try optionalID(request.closed_by_id, "closed_by_id")
        let ticket = try await update("CloseTicket", ticketID: request.ticket_id) { record, tx, _ in
            try record.status.checkClose()
            record.ticket.status = .closed
            record.ticket.closed_at_ms = tx.nowMs
            try tx.record(
                "ticket.closed", subject: record.id,
                Tickets.TicketClosed(ticket_id: record.id, closed_by_id: by, closed_at_ms: tx.nowMs))
        }
        return Tickets.CloseTicketReply(ticket: ticket)
    }

    /// RecordHandleTime: stored for the record; published with team and channel only,
    /// never as a per-ticket total or per person, so nothing can rank people by it.
    func recordHandleTime(_ request: Tickets.RecordHandleTimeRequest, _ context: CallContext) async throws
        -> Tickets.RecordHandleTimeReply
    {
        let duration = try Fields.required(request.duration_ms, "duration_ms")
        guard duration > 0 else {
            throw RPCError.invalidArgument(field: "duration_ms", "must be more than 0, got \(duration)")
        }
        let employee = try optionalID(request.employee_id, "employee_id")
        return try await store.write(method: "RecordHandleTime", idempotencyKey: context.idempotencyKey) { tx in
            let record = try existing(request.ticket_id, in: tx)
            try tx.addHandleTime(
                ticketID: record.id, employeeID: employee, durationMs: duration, startedAtMs: request.started_at_ms)
            try tx.record(
                "ticket.handle_time_recorded", subject: record.id,
                Tickets.TicketHandleTimeRecorded(
                    ticket_id: record.id, channel: record.channel, duration_ms: duration,
                    team_id: record.ticket.team_id))
            return Tickets.RecordHandleTimeReply()
        }
    }

    /// Sets a working status and records `ticket.status_changed`; no event when unchanged.
    func changeStatus(
        _ record: inout TicketRecord, to status: Tickets.TicketStatus, by: String?, in tx: any TicketsWriting
    ) throws {
        let previous = record.status
        guard previous != status else { return }
        record.ticket.status = status
        try tx.record(
            "ticket.status_changed", subject: record.id,
            Tickets.TicketStatusChanged(
                ticket_id: record.id, previous_status: previous, status: status, changed_by_id: by))
    }

    /// Reopens a resolved ticket and records `ticket.reopened`.
    func reopen(_ record: inout TicketRecord, by: String?, reason: String?, in tx: any TicketsWriting) throws {
        let count = (record.ticket.reopen_count ?? 0) + 1
        record.ticket.status = .reopened
        record.ticket.reopen_count = count
        try tx.record(
            "ticket.reopened", subject: record.id,
            Tickets.TicketReopened(
                ticket_id: record.id, reopened_by_id: by, reason: reason, reopen_count: count, reopened_at_ms: tx.nowMs)
        )
    }
}

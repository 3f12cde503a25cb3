import Bus
import Contract
import Domain
import ServiceKit

extension TicketsService {
    /// GrantGesture: spends from the employee's budget through staff and records the
    /// outcome either way. No proof is asked of the customer. Staff unreachable:
    /// UNAVAILABLE and nothing recorded.
    func grantGesture(_ request: Tickets.GrantGestureRequest, _ context: CallContext) async throws
        -> Tickets.GrantGestureReply
    {
        let kind = try Fields.chosen(request.kind, "kind")
        let amount = try Fields.required(request.amount, "amount")
        guard amount.minorUnits > 0 else {
            throw RPCError.invalidArgument(field: "amount.minor_units", "must be more than 0, got \(amount.minorUnits)")
        }
        let description = try Fields.text(request.description, "description", maxLength: 2000)
        let named = try optionalID(request.employee_id, "employee_id")
        let ticketID = request.ticket_id
        let record = try await store.read { try existing(ticketID, in: $0) }
        guard record.status != .closed else { throw RPCError(.failedPrecondition, "ticket \(record.id) is closed") }
        guard let employeeID = named ?? record.ticket.assignee_id else {
            throw RPCError.invalidArgument(field: "employee_id", "must be set: the ticket has no assignee")
        }
        // With an idempotency key the gesture id is derived from it, so a retry finds
        // the first attempt here and staff (keyed on the gesture) never spends twice.
        let gestureID =
            context.idempotencyKey.map { GestureKey.id(ticketID: record.id, key: $0) }
            ?? GestureID.random().rawValue
        if let done = try await store.read({ try $0.gesture(gestureID) }) {
            return Tickets.GrantGestureReply(gesture: done)
        }
        let employee = try await staff.employee(employeeID, field: "employee_id")
        let pending = Tickets.Gesture(
            gesture_id: gestureID, ticket_id: record.id, employee_id: employeeID, kind: kind, amount: amount,
            description: description, created_at_ms: store.now.unixMilliseconds, team_id: employee.team_id)
        let decision = try await staff.spend(gesture: pending, reason: description)
        return try await store.write(method: "GrantGesture", idempotencyKey: context.idempotencyKey) { tx in
            if let done = try tx.gesture(gestureID) { return Tickets.GrantGestureReply(gesture: done) }
            let ticket = try existing(ticketID, in: tx)
            var gesture = pending
            gesture.decided_at_ms = tx.nowMs
            switch decision {
            case .granted(let entryID, let remaining):
                gesture.outcome = .granted
                gesture.budget_entry_id = entryID
                gesture.remaining_budget = remaining
                try tx.save(gesture)
                try tx.record(
                    "gesture.granted", subject: ticket.id, ticket.grantedEvent(gesture, employer: employee.employer_id))
            case .refused(let reason, let remaining):
                gesture.outcome = .refused
                gesture.refusal_reason = reason
                gesture.remaining_budget = remaining
                try tx.save(gesture)
                try tx.record(
                    "gesture.refused", subject: ticket.id,
                    Tickets.GestureRefused(
                        gesture_id: gestureID, ticket_id: ticket.id, agent_id: employeeID, team_id: employee.team_id,
                        employer_id: employee.employer_id, kind: kind, amount: amount, remaining_budget: remaining,
                        reason: reason, refused_at_ms: tx.nowMs))
            }
            return Tickets.GrantGestureReply(gesture: gesture)
        }
    }

    /// The rule for approving gestures, as staff words it for overruns.
    static let approverRule = "an overrun is approved by the approver themself, the lead of the agent's team"

    /// ApproveGesture: a team lead approves a refused gesture over budget (staff's
    /// ApproveBudgetOverrun); the gesture becomes GRANTED. Called for a person (the
    /// web's signed-in lead) that person is the approver: an unset `team_lead_id`
    /// means them, another is PERMISSION_DENIED before staff is asked.
    func approveGesture(_ request: Tickets.ApproveGestureRequest, _ context: CallContext) async throws
        -> Tickets.ApproveGestureReply
    {
        let gestureID = try GestureID(try Fields.required(request.gesture_id, "gesture_id")).rawValue
        let named = try optionalID(request.team_lead_id, "team_lead_id")
        if let actor = context.actor, let named, named != actor {
            throw RPCError(
                .permissionDenied, "\(Self.approverRule): \(actor) may not approve in the name of \(named)")
        }
        guard let leadID = named ?? context.actor else {
            throw RPCError.invalidArgument(field: "team_lead_id", "must be set")
        }
        let lead = try EmployeeID(leadID, field: "team_lead_id")
        let reason = try Fields.optionalText(request.reason, "reason", maxLength: 2000)
        guard let gesture = try await store.read({ try $0.gesture(gestureID) }) else {
            throw RPCError.notFound("gesture", gestureID)
        }
        if gesture.outcome == .granted {
            guard gesture.approved_by_id == lead.rawValue else {
                throw RPCError(.failedPrecondition, "gesture \(gestureID) was granted already")
            }
            return Tickets.ApproveGestureReply(gesture: gesture)
        }
        let approval = try await staff.approveOverrun(gesture: gesture, teamLeadID: lead.rawValue, reason: reason)
        let employee = try? await staff.employee(gesture.employee_id ?? "", field: "employee_id")
        return try await store.write(method: "ApproveGesture", idempotencyKey: context.idempotencyKey) { tx in
            guard var current = try tx.gesture(gestureID) else { throw RPCError.notFound("gesture", gestureID) }
            if current.outcome == .granted { return Tickets.ApproveGestureReply(gesture: current) }
            let ticket = try existing(current.ticket_id, in: tx)
            current.outcome = .granted
            current.approved_by_id = lead.rawValue
            current.budget_entry_id = approval.entry?.entry_id
            current.remaining_budget = approval.remaining
            current.decided_at_ms = tx.nowMs
            try tx.save(current)
            try tx.record(
                "gesture.granted", subject: ticket.id, ticket.grantedEvent(current, employer: employee?.employer_id))
            return Tickets.ApproveGestureReply(gesture: current)
        }
    }
}

extension TicketRecord {
    /// The `gesture.granted` payload.
    func grantedEvent(_ gesture: Tickets.Gesture, employer: String?) -> Tickets.GestureGranted {
        Tickets.GestureGranted(
            gesture_id: gesture.gesture_id, ticket_id: id, agent_id: gesture.employee_id, team_id: gesture.team_id,
            employer_id: employer, kind: gesture.kind, amount: gesture.amount, description: gesture.description,
            approved_by_id: gesture.approved_by_id, budget_entry_id: gesture.budget_entry_id, channel: channel,
            country: country, granted_at_ms: gesture.decided_at_ms)
    }
}

/// Gesture ids derived from a request's idempotency key.
enum GestureKey {
    /// "gst-" and the 64-bit FNV-1a hash of ticket and key: stable across restarts
    /// and processes, so any worker derives the same id for a retry.
    static func id(ticketID: String, key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(ticketID)|\(key)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "gst-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

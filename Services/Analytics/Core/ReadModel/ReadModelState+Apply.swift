import Bus
import Contract

extension ReadModelState {
    /// Applies one event of any source and records its sequence. An event at or
    /// before the source's position is already in the state (a snapshot's, or a
    /// repeat) and changes nothing. Unknown types only move the position; a payload
    /// that does not decode is counted and passed over (retrying could never succeed).
    mutating func apply(_ event: Event) {
        guard event.sequence > positions[event.service] ?? 0 else { return }
        defer {
            positions[event.service] = event.sequence
            lastEventAtMs[event.service] = event.occurred_at_ms
            lastEventDigest[event.service] = Self.digest(event)
        }
        do {
            switch event.service {
            case "feedback": try applyFeedback(event)
            case "tickets": try applyTickets(event)
            case "staff": try applyStaff(event)
            default: break
            }
        } catch {
            undecodable += 1
        }
    }

    /// What identifies an event of a source beyond its sequence: its time, type and payload.
    static func digest(_ event: Event) -> UInt64 {
        var checksum = Checksum64()
        withUnsafeBytes(of: event.occurred_at_ms.littleEndian) { checksum.add($0) }
        var type = event.type
        type.withUTF8 { checksum.add(UnsafeRawBufferPointer($0)) }
        event.payload.withUnsafeBytes { checksum.add($0) }
        return checksum.value
    }

    private mutating func applyFeedback(_ event: Event) throws {
        let at = event.occurred_at_ms
        switch event.type {
        case "response.submitted": apply(try Feedback.ResponseSubmitted(wireBytes: event.payload), at: at)
        case "follow_up.requested": apply(try Feedback.FollowUpRequested(wireBytes: event.payload), at: at)
        case "follow_up.opened": apply(try Feedback.FollowUpOpened(wireBytes: event.payload), at: at)
        case "follow_up.closed": apply(try Feedback.FollowUpClosed(wireBytes: event.payload), at: at)
        case "follow_up.failed": apply(try Feedback.FollowUpFailed(wireBytes: event.payload), at: at)
        case "compliment.created": apply(try Feedback.ComplimentCreated(wireBytes: event.payload), at: at)
        default: break
        }
    }

    private mutating func applyTickets(_ event: Event) throws {
        let at = event.occurred_at_ms
        let bytes = event.payload
        switch event.type {
        case "ticket.created": apply(try Tickets.TicketCreated(wireBytes: bytes), at: at)
        case "ticket.assigned": apply(try Tickets.TicketAssigned(wireBytes: bytes))
        case "ticket.first_response": apply(try Tickets.TicketFirstResponse(wireBytes: bytes))
        case "ticket.sla_breached": apply(try Tickets.TicketSlaBreached(wireBytes: bytes))
        case "ticket.escalated": apply(try Tickets.TicketEscalated(wireBytes: bytes), at: at)
        case "ticket.resolved": apply(try Tickets.TicketResolved(wireBytes: bytes), at: at)
        case "ticket.reopened": apply(try Tickets.TicketReopened(wireBytes: bytes))
        case "gesture.granted": apply(try Tickets.GestureGranted(wireBytes: bytes), at: at)
        case "gesture.refused": apply(try Tickets.GestureRefused(wireBytes: bytes), at: at)
        default: break
        }
    }

    private mutating func applyStaff(_ event: Event) throws {
        let bytes = event.payload
        switch event.type {
        case "employee.created": apply(employee: try Staff.EmployeeCreated(wireBytes: bytes).employee)
        case "employee.updated": apply(employee: try Staff.EmployeeUpdated(wireBytes: bytes).employee)
        case "team.created": apply(team: try Staff.TeamCreated(wireBytes: bytes).team)
        case "team.updated": apply(team: try Staff.TeamUpdated(wireBytes: bytes).team)
        case "team.member_added":
            let added = try Staff.TeamMemberAdded(wireBytes: bytes)
            employees[strings.id(added.employee_id), default: EmployeeInfo()].team = strings.id(added.team_id)
        case "team.member_removed":
            let removed = try Staff.TeamMemberRemoved(wireBytes: bytes)
            let employee = strings.id(removed.employee_id)
            if employees[employee]?.team == strings.id(removed.team_id) { employees[employee]?.team = 0 }
        case "peer_compliment.given":
            if let compliment = try Staff.PeerComplimentGiven(wireBytes: bytes).compliment {
                apply(compliment, at: event.occurred_at_ms)
            }
        case "pulse.submitted": apply(try Staff.PulseSubmitted(wireBytes: bytes))
        default: break
        }
    }
}

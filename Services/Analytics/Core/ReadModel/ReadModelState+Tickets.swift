import Contract

// Typed appliers for tickets' events.
extension ReadModelState {
    package mutating func apply(_ created: Tickets.TicketCreated, at occurredAtMs: Int64) {
        guard let id = created.ticket_id, ticketIndex[id] == nil else { return }
        let dims = dims(
            country: created.country, category: created.product_category, channel: created.channel,
            employee: created.assignee_id, team: created.team_id)
        ticketIndex[id] = tickets.append(
            TicketFact(
                atMs: created.created_at_ms ?? occurredAtMs, dueAtMs: created.first_response_due_at_ms ?? -1, dims: dims
            ))
    }

    package mutating func apply(_ assigned: Tickets.TicketAssigned) {
        guard let index = ticket(assigned.ticket_id) else { return }
        let employee = strings.id(assigned.assignee_id)
        let team = strings.id(assigned.team_id)
        let employer = strings.id(assigned.employer_id)
        tickets.update(index) { ticket in
            guard ticket.responseMs < 0 else { return }  // first-response figures keep the answering team
            ticket.dims.employee = employee
            ticket.dims.team = team
            ticket.dims.employer = employer
        }
    }

    package mutating func apply(_ response: Tickets.TicketFirstResponse) {
        guard let index = ticket(response.ticket_id) else { return }
        let team = strings.id(response.team_id)
        let agent = strings.id(response.agent_id)
        tickets.update(index) { ticket in
            ticket.responseMs = max(0, response.response_ms ?? 0)
            ticket.withinTarget = response.within_target ?? false
            if team != 0 { ticket.dims.team = team }
            if agent != 0, agent != ticket.dims.employee {
                ticket.dims.employee = agent
                ticket.dims.employer = 0  // the replying agent's employer is not in the event
            }
        }
    }

    mutating func apply(_ breached: Tickets.TicketSlaBreached) {
        guard let index = ticket(breached.ticket_id) else { return }
        tickets.update(index) { $0.breached = true }
    }

    mutating func apply(_ escalated: Tickets.TicketEscalated, at occurredAtMs: Int64) {
        guard let index = ticket(escalated.ticket_id) else { return }
        let dims = dims(
            country: escalated.country, category: escalated.product_category, channel: escalated.channel,
            employee: escalated.previous_assignee_id, team: escalated.previous_team_id)
        escalations.append(
            EscalationFact(
                atMs: escalated.escalated_at_ms ?? occurredAtMs, dims: dims,
                trigger: UInt8(escalated.trigger?.rawValue ?? 0), ticket: index))
    }

    package mutating func apply(_ resolved: Tickets.TicketResolved, at occurredAtMs: Int64) {
        guard let id = resolved.ticket_id else { return }
        let at = resolved.resolved_at_ms ?? occurredAtMs
        if ticketIndex[id] == nil {
            apply(Tickets.TicketCreated(ticket_id: id, created_at_ms: resolved.created_at_ms ?? at), at: at)
        }
        let index = ticketIndex[id]!
        supersedeResolution(of: index)
        let dims = dims(
            country: resolved.country, category: resolved.product_category, channel: resolved.channel,
            employee: resolved.agent_id, team: resolved.team_id, employer: resolved.employer_id)
        let fact = resolutions.append(
            ResolutionFact(atMs: at, dims: dims, firstContact: resolved.first_contact_resolution ?? false))
        tickets.update(index) {
            $0.resolvedAtMs = at
            $0.lastResolution = fact
        }
    }

    mutating func apply(_ reopened: Tickets.TicketReopened) {
        guard let index = ticket(reopened.ticket_id) else { return }
        supersedeResolution(of: index)
        tickets.update(index) { $0.resolvedAtMs = -1 }
    }

    mutating func apply(_ granted: Tickets.GestureGranted, at occurredAtMs: Int64) {
        guard let id = granted.gesture_id else { return }
        if let earlier = gestureIndex[id] { gestures.update(earlier) { $0.superseded = true } }
        let dims = gestureDims(granted.ticket_id, agent: granted.agent_id, team: granted.team_id, granted.employer_id)
        let fact = GestureFact(
            atMs: granted.granted_at_ms ?? occurredAtMs, dims: dims, kind: UInt8(granted.kind?.rawValue ?? 0),
            currency: strings.id(granted.amount?.currency.code), amount: granted.amount?.minorUnits ?? 0,
            granted: true, approvedOverBudget: granted.approved_by_id != nil)
        gestureIndex[id] = gestures.append(fact)
    }

    mutating func apply(_ refused: Tickets.GestureRefused, at occurredAtMs: Int64) {
        guard let id = refused.gesture_id, gestureIndex[id] == nil else { return }
        let dims = gestureDims(refused.ticket_id, agent: refused.agent_id, team: refused.team_id, refused.employer_id)
        let fact = GestureFact(
            atMs: refused.refused_at_ms ?? occurredAtMs, dims: dims, kind: UInt8(refused.kind?.rawValue ?? 0),
            currency: strings.id(refused.amount?.currency.code), amount: refused.amount?.minorUnits ?? 0,
            granted: false, approvedOverBudget: false)
        gestureIndex[id] = gestures.append(fact)
    }

    // Facts take attributes only from their own event (and earlier events of the same
    // source), never from staff's current state: the order in which sources are
    // applied must not change an answer.

    /// A gesture's attributes: its own agent, team and employer; channel, country
    /// and category of its ticket.
    private mutating func gestureDims(_ ticketID: String?, agent: String?, team: String?, _ employer: String?) -> Dims {
        var dims = ticket(ticketID).map { tickets[$0].dims } ?? Dims()
        dims.employee = strings.id(agent)
        dims.team = strings.id(team)
        dims.employer = strings.id(employer)
        return dims
    }

    private mutating func supersedeResolution(of index: FactHandle) {
        let last = tickets[index].lastResolution
        if last.exists { resolutions.update(last) { $0.superseded = true } }
    }

    private func ticket(_ id: String?) -> FactHandle? { id.flatMap { ticketIndex[$0] } }
}

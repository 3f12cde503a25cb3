import Bus
import Contract
import Domain

extension GeneratedEvents {
    /// One ticket's life: creation, maybe a first response or a breach, escalation,
    /// gestures, resolutions and reopenings, a survey answer and its follow-up.
    mutating func generateTicket(_ number: Int, days: Int, _ random: inout SeededRandom) {
        let id = "t-\(number)"
        let agent = random.pick(world.employees)
        let created = Self.start + random.ms(0...(Int64(days) * Self.day - 1))
        var ticket = RawWorld.Ticket(
            id: id, created: created, channel: random.pick(Channel.allCases), country: random.pick(Self.countries),
            category: random.pick(Self.categories), team: agent.team, agent: agent.id)
        record(
            "tickets", "ticket.created", at: created,
            Tickets.TicketCreated(
                ticket_id: id, channel: ticket.channel, country: ticket.country, product_category: ticket.category,
                assignee_id: agent.id, team_id: agent.team, created_at_ms: created))
        record(
            "tickets", "ticket.assigned", at: created,
            Tickets.TicketAssigned(
                ticket_id: id, assignee_id: agent.id, team_id: agent.team, employer_id: agent.employer))
        if random.chance(0.8) {
            let responseMs = random.ms(0...(4 * 3_600_000))
            ticket.responseMs = responseMs
            ticket.withinTarget = responseMs <= 3_600_000
            record(
                "tickets", "ticket.first_response", at: created + responseMs,
                Tickets.TicketFirstResponse(
                    ticket_id: id, channel: ticket.channel, country: ticket.country, team_id: agent.team,
                    agent_id: agent.id, received_at_ms: created, responded_at_ms: created + responseMs,
                    response_ms: responseMs, target_ms: 3_600_000, within_target: ticket.withinTarget))
        } else if random.chance(0.5) {
            ticket.breached = true
            record(
                "tickets", "ticket.sla_breached", at: created + 3_600_000,
                Tickets.TicketSlaBreached(ticket_id: id, channel: ticket.channel, breached_at_ms: created + 3_600_000))
        }
        record(
            "tickets", "ticket.handle_time_recorded", at: created,
            Tickets.TicketHandleTimeRecorded(
                ticket_id: id, channel: ticket.channel, duration_ms: random.ms(1...9_000_000)))
        world.tickets.append(ticket)
        let index = world.tickets.count - 1
        if random.chance(0.1) { escalate(index, at: created + random.ms(0...Self.day), &random) }
        if random.chance(0.15) { gesture(index, agent, at: created + random.ms(0...Self.day), &random) }
        if random.chance(0.75) { resolve(index, agent, at: created + random.ms(600_000...(3 * Self.day)), &random) }
    }

    private mutating func escalate(_ index: Int, at: Int64, _ random: inout SeededRandom) {
        let ticket = world.tickets[index]
        let trigger = random.pick([Tickets.EscalationTrigger.agent, .slaBreach, .repeatContact])
        world.escalations.append(.init(at: at, ticket: index, team: ticket.team, trigger: trigger.rawValue))
        record(
            "tickets", "ticket.escalated", at: at,
            Tickets.TicketEscalated(
                ticket_id: ticket.id, trigger: trigger, previous_team_id: ticket.team,
                previous_assignee_id: ticket.agent, team_id: "special-care", channel: ticket.channel,
                country: ticket.country, product_category: ticket.category, escalated_at_ms: at))
    }

    private mutating func gesture(_ index: Int, _ agent: RawWorld.Employee, at: Int64, _ random: inout SeededRandom) {
        let ticket = world.tickets[index]
        let id = "g-\(index)"
        let kind = random.pick(Array(Tickets.GestureKind.allCases.dropFirst()))
        let amount = Money(minorUnits: random.ms(500...15_000), currency: random.chance(0.85) ? .eur : .usd)
        var row = RawWorld.Gesture(
            at: at, ticket: index, agent: agent.id, team: agent.team, employer: agent.employer, kind: kind.rawValue,
            currency: amount.currency.code, amount: amount.minorUnits, granted: true, approved: false)
        if random.chance(0.3) {
            record(
                "tickets", "gesture.refused", at: at,
                Tickets.GestureRefused(
                    gesture_id: id, ticket_id: ticket.id, agent_id: agent.id, team_id: agent.team,
                    employer_id: agent.employer, kind: kind, amount: amount, refused_at_ms: at))
            row.granted = false
            if random.chance(0.5) {
                row = RawWorld.Gesture(
                    at: at + 3_600_000, ticket: index, agent: agent.id, team: agent.team, employer: agent.employer,
                    kind: kind.rawValue, currency: amount.currency.code, amount: amount.minorUnits, granted: true,
                    approved: true)
                record(
                    "tickets", "gesture.granted", at: row.at,
                    Tickets.GestureGranted(
                        gesture_id: id, ticket_id: ticket.id, agent_id: agent.id, team_id: agent.team,
                        employer_id: agent.employer, kind: kind, amount: amount, approved_by_id: "emp-01",
                        granted_at_ms: row.at))
            }
        } else {
            record(
                "tickets", "gesture.granted", at: at,
                Tickets.GestureGranted(
                    gesture_id: id, ticket_id: ticket.id, agent_id: agent.id, team_id: agent.team,
                    employer_id: agent.employer, kind: kind, amount: amount, granted_at_ms: at))
        }
        world.gestures.append(row)
    }
}

import Bus
import Contract
import Domain

extension GeneratedEvents {
    /// Resolves the ticket (sometimes reopening and resolving it again), then maybe a
    /// survey answer credited to the agent at resolution, and a follow-up for detractors.
    mutating func resolve(_ index: Int, _ agent: RawWorld.Employee, at: Int64, _ random: inout SeededRandom) {
        var at = at
        resolution(index, agent, at: at, firstContact: random.chance(0.6))
        if random.chance(0.1) {
            world.tickets[index].reopenedAfterLast = true
            record(
                "tickets", "ticket.reopened", at: at + 60_000,
                Tickets.TicketReopened(ticket_id: world.tickets[index].id, reopen_count: 1, reopened_at_ms: at + 60_000)
            )
            guard random.chance(0.6) else { return }
            at += 7_200_000
            resolution(index, agent, at: at, firstContact: false)
        }
        guard random.chance(0.7) else { return }
        let ticket = world.tickets[index]
        let answered = at + random.ms(3_600_000...(2 * Self.day))
        // Skewed per agent, so personal NPS differs between people.
        let bias = Int(agent.id.suffix(2))! % 4
        let response = RawWorld.Response(
            at: answered, score: min(10, random.int(0...10) + bias), agent: agent.id, team: agent.team,
            employer: agent.employer, channel: ticket.channel, country: ticket.country, category: ticket.category)
        submit(response, id: "r-\(index)", ticketID: ticket.id, &random)
    }

    private mutating func resolution(_ index: Int, _ agent: RawWorld.Employee, at: Int64, firstContact: Bool) {
        let ticket = world.tickets[index]
        world.tickets[index].resolutions.append((at, firstContact, agent.team))
        world.tickets[index].reopenedAfterLast = false
        record(
            "tickets", "ticket.resolved", at: at,
            Tickets.TicketResolved(
                ticket_id: ticket.id, agent_id: agent.id, team_id: agent.team, employer_id: agent.employer,
                channel: ticket.channel, country: ticket.country, product_category: ticket.category, resolved_at_ms: at,
                first_contact_resolution: firstContact, created_at_ms: ticket.created))
    }

    mutating func submit(_ response: RawWorld.Response, id: String, ticketID: String?, _ random: inout SeededRandom) {
        world.responses.append(response)
        let attribution = Feedback.Attribution(
            ticket_id: ticketID, agent_id: response.agent.isEmpty ? nil : response.agent,
            team_id: response.team.isEmpty ? nil : response.team,
            employer_id: response.employer.isEmpty ? nil : response.employer, channel: response.channel,
            country: response.country, product_category: response.category)
        record(
            "feedback", "response.submitted", at: response.at,
            Feedback.ResponseSubmitted(
                response_id: id, score: Int32(response.score), attribution: attribution, answered_at_ms: response.at))
        guard response.score <= 6 else { return }
        var followUp = RawWorld.FollowUp(requested: response.at, response: response)
        record(
            "feedback", "follow_up.requested", at: response.at,
            Feedback.FollowUpRequested(
                response_id: id, score: Int32(response.score), attribution: attribution, requested_at_ms: response.at))
        if random.chance(0.8) {
            followUp.opened = response.at + random.ms(1_000...600_000)
            record(
                "feedback", "follow_up.opened", at: followUp.opened!,
                Feedback.FollowUpOpened(
                    response_id: id, attribution: attribution, requested_at_ms: response.at,
                    opened_at_ms: followUp.opened))
            if random.chance(0.6) {
                followUp.closed = followUp.opened! + random.ms(3_600_000...(3 * Self.day))
                record(
                    "feedback", "follow_up.closed", at: followUp.closed!,
                    Feedback.FollowUpClosed(
                        response_id: id, attribution: attribution, opened_at_ms: followUp.opened,
                        closed_at_ms: followUp.closed))
            }
        }
        world.followUps.append(followUp)
    }
}

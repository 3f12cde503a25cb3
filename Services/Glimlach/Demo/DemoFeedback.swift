import Bus
import Contract
import Domain
import Foundation

/// Customers answer the survey that feedback sends after each resolved ticket;
/// happy ones' comments become compliments, and agents share WOW stories and
/// compliment each other.
struct DemoFeedback {
    let client: BusClient
    let staffing: DemoStaffing

    /// Answers the invitation of a resolved ticket, once feedback has created it
    /// from the `ticket.resolved` event.
    /// - Returns: the response id, or nil when the customer does not answer.
    func answer(_ outcome: DemoTickets.Outcome) async throws -> String? {
        guard let score = outcome.contact.score else { return nil }
        let invitation = try await invitation(for: outcome.ticketID)
        if invitation.status == .suppressed { return nil }  // surveyed recently: the frequency cap
        if let earlier = invitation.response_id { return earlier }  // answered in an earlier run
        do {
            let reply = try await client.call(
                Feedback.submitResponse,
                Feedback.SubmitResponseRequest(
                    token: invitation.token, score: Int32(score), comment: outcome.contact.comment,
                    consent_to_quote: outcome.contact.consent))
            return reply.response?.response_id
        } catch let error as RPCError where error.code == .failedPrecondition {
            return nil  // not sent yet: feedback waits its survey delay after the contact
        }
    }

    /// Special Care calls detractors back: resolves all but every `everyOf`th open
    /// follow-up ticket, oldest first, so follow-up figures show closed and open ones.
    /// - Returns: how many it resolved.
    func callBack(everyOf: Int, by agentID: String?) async throws -> Int {
        // Feedback hands follow-ups to tickets in the background: wait for it first.
        for _ in 0..<40 {
            let pending = try await client.call(
                Feedback.listFollowUps, Feedback.ListFollowUpsRequest(statuses: [.pending], page_size: 1)
            ).follow_ups
            if pending.isEmpty { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        let open = try await client.call(
            Feedback.listFollowUps, Feedback.ListFollowUpsRequest(statuses: [.open], page_size: 500)
        ).follow_ups
        var resolved = 0
        for (index, followUp) in open.enumerated() where index % everyOf != 0 {
            guard let ticketID = followUp.follow_up_ticket_id, let responseID = followUp.response_id else { continue }
            _ = try await client.call(
                Tickets.resolveTicket,
                Tickets.ResolveTicketRequest(
                    ticket_id: ticketID, resolved_by_id: agentID, summary: "Called the customer back and made it right"),
                options: .init(idempotencyKey: "demo-callback-\(responseID)"))
            resolved += 1
        }
        return resolved
    }

    /// A customer compliment for the agent of a happy, quotable answer.
    func compliment(_ outcome: DemoTickets.Outcome, responseID: String) async throws {
        _ = try await client.call(
            Feedback.createCompliment,
            Feedback.CreateComplimentRequest(
                response_id: responseID, employee_id: staffing.employees[outcome.contact.agent.name],
                text: outcome.contact.comment, customer_display_name: outcome.contact.customerName,
                value_ids: Array(staffing.values.prefix(1))),
            options: .init(idempotencyKey: "demo-compliment-\(responseID)"))
    }

    /// A WOW story about a contact, shared by its agent's team lead.
    func story(_ outcome: DemoTickets.Outcome) async throws {
        let agent = outcome.contact.agent
        let lead = DemoCast.agents.first { $0.team == agent.team && $0.role == .teamLead } ?? agent
        _ = try await client.call(
            Feedback.createStory,
            Feedback.CreateStoryRequest(
                title: "\(agent.name.split(separator: " ")[0]) saved the day",
                body:
                    "\(outcome.contact.story.note). \(agent.name) made it right on the spot: \(outcome.contact.comment)",
                employee_ids: [staffing.employees[agent.name]].compactMap { $0 },
                team_ids: [staffing.teams[agent.team]].compactMap { $0 }, ticket_id: outcome.ticketID,
                value_ids: Array(staffing.values.prefix(1)), shared_by_id: staffing.employees[lead.name]),
            options: .init(idempotencyKey: "demo-story-\(outcome.ticketID)"))
    }

    /// Colleagues thank each other, tagged with a core value.
    func peerCompliment(from: DemoCast.Agent, to: DemoCast.Agent, number: Int) async throws {
        _ = try await client.call(
            Staff.givePeerCompliment,
            Staff.GivePeerComplimentRequest(
                from_employee_id: staffing.employees[from.name], to_employee_id: staffing.employees[to.name],
                text: "Thanks for jumping in when the queue was long!",
                value_id: staffing.values.isEmpty ? nil : staffing.values[number % staffing.values.count]),
            options: .init(idempotencyKey: "demo-peer-\(number)"))
    }

    private func invitation(for ticketID: String) async throws -> Feedback.Invitation {
        let clock = ContinuousClock()
        let end = clock.now + .seconds(30)
        while clock.now < end {
            let invitations = try await client.call(
                Feedback.listInvitations, Feedback.ListInvitationsRequest(ticket_id: ticketID)
            ).invitations
            if let invitation = invitations.first { return invitation }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw DemoError("feedback made no survey invitation for ticket \(ticketID) within 30 s")
    }
}

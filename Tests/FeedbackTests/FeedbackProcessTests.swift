import Bus
import Contract
import Foundation
import TestSupport
import Testing

@Suite("feedback as a process", .serialized)
struct FeedbackProcessTests {
    @Test("the feedback executable serves Health and Since over the bus")
    func servesStandardMethods() async throws {
        let stack = try await ProcessStack()
        try await stack.start("feedback")
        let health = try await stack.client.call(Feedback.health, HealthRequest())
        #expect(health.service == "feedback" && health.status == .serving && health.last_sequence == 0)
        let replay = try await stack.client.call(Feedback.since, SinceRequest(after_sequence: 0))
        #expect(replay.events.isEmpty)
        await stack.shutdown()
    }

    /// bus, staff, tickets and feedback as real processes: a resolved ticket gets an
    /// invitation; a detractor answer given while tickets is stopped waits, and opens
    /// exactly one Special Care follow-up once tickets is back.
    @Test("a detractor answer opens exactly one Special Care follow-up, even when tickets is down at the time")
    func closedLoopAcrossProcesses() async throws {
        let stack = try await ProcessStack()
        do { try await closedLoop(stack) } catch {
            await stack.shutdown()
            throw error
        }
        await stack.shutdown()
    }

    private func closedLoop(_ stack: ProcessStack) async throws {
        try await stack.start("staff")
        var tickets = try await stack.start("tickets")
        try await stack.start(
            "feedback",
            arguments: ["--survey-delay-ms", "0", "--follow-up-retry-ms", "200", "--follow-up-retry-max-ms", "1000"])
        let client = stack.client

        let staff = try await seedStaff(client)
        let sam = staff.agent
        let ticketID = try await resolvedTicket(client, agent: sam, customer: "anna@example.nl")

        // feedback follows tickets' events: the invitation appears, attribution frozen.
        try await waitUntil("feedback invites the customer", timeout: .seconds(15)) {
            try await !client.call(Feedback.listInvitations, Feedback.ListInvitationsRequest(ticket_id: ticketID))
                .invitations.isEmpty
        }
        let invitation = try #require(
            try await client.call(Feedback.listInvitations, Feedback.ListInvitationsRequest(ticket_id: ticketID))
                .invitations.first)
        #expect(invitation.attribution?.agent_id == sam && invitation.attribution?.team_id == staff.experts)
        #expect(invitation.attribution?.channel == .email && invitation.attribution?.country == "NL")
        #expect(invitation.status == .open)

        // tickets stops; the customer answers 2.
        await tickets.terminate()
        let answer = try await client.call(
            Feedback.submitResponse,
            Feedback.SubmitResponseRequest(token: invitation.token, score: 2, comment: "Still no new book"))
        let responseID = try #require(answer.response?.response_id)
        #expect(answer.response?.follow_up?.status == .pending)
        try await waitUntil("feedback tried tickets and keeps waiting", timeout: .seconds(20)) {
            let followUp = try await client.call(
                Feedback.getFollowUp, Feedback.GetFollowUpRequest(response_id: responseID)
            ).follow_up
            return followUp?.status == .pending && (followUp?.attempts ?? 0) >= 1
        }

        // tickets is back: the follow-up opens, once.
        tickets = try await stack.start("tickets")
        try await waitUntil("the follow-up is open", timeout: .seconds(30)) {
            try await client.call(Feedback.getFollowUp, Feedback.GetFollowUpRequest(response_id: responseID)).follow_up?
                .status == .open
        }
        let followUp = try #require(
            try await client.call(Feedback.getFollowUp, Feedback.GetFollowUpRequest(response_id: responseID)).follow_up)
        let specialCare = try await client.call(Tickets.listTickets, Tickets.ListTicketsRequest(special_care: true))
        let followUps = specialCare.tickets.filter { $0.follow_up?.response_id == responseID }
        #expect(followUps.count == 1)
        #expect(followUps.first?.ticket_id == followUp.follow_up_ticket_id)
        #expect(followUps.first?.team_id == staff.care)
        #expect(followUps.first?.follow_up?.original_ticket_id == ticketID)
        // A while later there is still exactly one.
        try await Task.sleep(for: .seconds(1))
        let again = try await client.call(Tickets.listTickets, Tickets.ListTicketsRequest(special_care: true))
        #expect(again.tickets.filter { $0.follow_up?.response_id == responseID }.count == 1)
    }

    @Test(
        "feedback stopped while tickets resolves: on restart it catches up, and a second restart invites nobody twice")
    func catchesUpAfterDowntime() async throws {
        let stack = try await ProcessStack()
        do { try await catchUp(stack) } catch {
            await stack.shutdown()
            throw error
        }
        await stack.shutdown()
    }

    private func catchUp(_ stack: ProcessStack) async throws {
        let client = stack.client
        try await stack.start("staff")
        try await stack.start("tickets")
        var feedback = try await stack.start("feedback")
        let staff = try await seedStaff(client)
        await feedback.kill()
        var ticketIDs: [String] = []
        for customer in ["anna@example.nl", "bram@example.be"] {
            ticketIDs.append(try await resolvedTicket(client, agent: staff.agent, customer: customer))
        }
        feedback = try await stack.start("feedback")
        @Sendable func invitations() async throws -> [String?] {
            try await client.call(Feedback.listInvitations, Feedback.ListInvitationsRequest()).invitations.map {
                $0.attribution?.ticket_id
            }
        }
        try await waitUntil("both resolved tickets have an invitation", timeout: .seconds(15)) { [ticketIDs] in
            try await Set(invitations()) == Set(ticketIDs)
        }
        await feedback.terminate()
        try await stack.start("feedback")
        try await Task.sleep(for: .seconds(1))  // time to (wrongly) apply anything again
        #expect(try await invitations().count == 2)
    }

    /// A Special Care team, a service experts team and an active agent in it.
    private func seedStaff(_ client: BusClient) async throws -> (care: String, experts: String, agent: String) {
        let care = try await client.call(
            Staff.createTeam, Staff.CreateTeamRequest(name: "Special Care", kind: .specialCare))
        let experts = try await client.call(
            Staff.createTeam, Staff.CreateTeamRequest(name: "Service experts", kind: .serviceExperts))
        let agent = try await client.call(
            Staff.createEmployee,
            Staff.CreateEmployeeRequest(
                name: "Sam", email: "sam@example.nl", team_id: experts.team?.team_id, employer_id: "in-house",
                employer_kind: .inHouse, country: "NL", role: .serviceExpert, status: .active))
        return (
            try #require(care.team?.team_id), try #require(experts.team?.team_id),
            try #require(agent.employee?.employee_id)
        )
    }

    /// A ticket of `customer` handled by `agent` and resolved; returns its id.
    private func resolvedTicket(_ client: BusClient, agent: String, customer: String) async throws -> String {
        let created = try await client.call(
            Tickets.createTicket,
            Tickets.CreateTicketRequest(
                customer: .init(name: "Customer", handle: customer, country: "NL", language: "nl"), channel: .email,
                product_category: "photo-products", subject: "Torn photo book", body: "My photo book arrived torn.",
                assignee_id: agent))
        let ticketID = try #require(created.ticket?.ticket_id)
        _ = try await client.call(
            Tickets.resolveTicket,
            Tickets.ResolveTicketRequest(ticket_id: ticketID, resolved_by_id: agent, summary: "Sent a new photo book"))
        return ticketID
    }
}

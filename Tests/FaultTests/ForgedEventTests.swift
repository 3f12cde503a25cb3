import Bus
import Contract
import Domain
import Foundation
import TestSupport
import Testing

/// A keyed stack (staff, tickets, feedback, analytics as processes, each with its
/// own key on the access list) and a second publisher holding the web front's
/// listed key, which serves nothing and so may publish nothing.
@Suite("faults: forged events on a keyed stack", .serialized, .timeLimit(.minutes(3)))
struct ForgedEventTests {
    static let peers: [AccessList.Peer.Rights] = [
        .init(name: "staff", serves: ["staff"]),
        .init(name: "tickets", serves: ["tickets"], calls: ["staff"]),
        .init(name: "feedback", serves: ["feedback"], calls: ["tickets"]),
        .init(name: "analytics", serves: ["analytics"], calls: ["staff", "tickets", "feedback"]),
        .init(name: "web", calls: ["feedback", "analytics"]),
        .init(name: "client", calls: ["*"]),
    ]

    @Test(
        "the web front's key cannot publish tickets' or feedback's events: no forged invitation, no forged answer, and the real events with those sequences still count"
    )
    func forgedEventsDropped() async throws {
        let stack = try await ProcessStack(peers: Self.peers)
        for service in ["staff", "tickets", "feedback", "analytics"] { try await stack.start(service) }
        let client = stack.client
        let agent = try await Self.agent(client)
        let first = try await Self.resolvedTicket(client, agent: agent, customer: "anna@example.nl")
        try await waitUntil("feedback invites the first customer", timeout: .seconds(15)) {
            try await Self.invitations(client).map(\.ticket) == [first]
        }
        let tickets = try await client.call(Tickets.since, SinceRequest(after_sequence: 0, limit: 1)).last_sequence
        let feedback = try await client.call(Feedback.since, SinceRequest(after_sequence: 0, limit: 1)).last_sequence

        let forger = EventPublisher(endpoint: stack.eventsIn, credentials: try stack.keys!.credentials(for: "web"))
        let resolved = Tickets.TicketResolved(
            ticket_id: "tkt-forged", agent_id: agent, channel: .email, country: "NL", customer_id: "forged",
            customer_name: "Forger", customer_handle: "forger@evil.example", customer_language: "nl")
        let answered = Feedback.ResponseSubmitted(
            response_id: "rsp-forged", score: 0, category: .detractor,
            attribution: .init(agent_id: agent, channel: .email, country: "NL"), customer_id: "forged",
            source: .web, answered_at_ms: Int64(Date().timeIntervalSince1970 * 1000))
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        // PUB connects asynchronously: publish for a while so that a connected forger is certain.
        for _ in 0..<25 {
            try forger.publish(
                Event(
                    service: "tickets", sequence: tickets + 1, type: "ticket.resolved", occurred_at_ms: now,
                    subject_id: "tkt-forged", payload: try resolved.wireBytes()))
            try forger.publish(
                Event(
                    service: "feedback", sequence: feedback + 1, type: "response.submitted", occurred_at_ms: now,
                    subject_id: "rsp-forged", payload: try answered.wireBytes()))
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await Self.invitations(client).map(\.handle) == ["anna@example.nl"], "a forged resolution invited")
        #expect(try await Self.npsCount(client) == 0, "a forged answer counted")

        // The real events that take those sequence numbers are applied.
        let second = try await Self.resolvedTicket(client, agent: agent, customer: "bram@example.be")
        _ = try await client.call(
            Feedback.submitResponse,
            Feedback.SubmitResponseRequest(
                score: 10, attribution: .init(channel: .webForm, country: "NL", touchpoint: "delivery"),
                customer_id: "customer-1", source: .web))
        try await waitUntil("feedback invites the second customer", timeout: .seconds(15)) {
            try await Set(Self.invitations(client).map(\.ticket)) == [first, second]
        }
        try await waitUntil("analytics counts the real answer", timeout: .seconds(15)) {
            try await Self.npsCount(client) == 1
        }
        await forger.close()
        await stack.shutdown()
    }

    static func invitations(_ client: BusClient) async throws -> [(ticket: String?, handle: String?)] {
        try await client.call(Feedback.listInvitations, Feedback.ListInvitationsRequest()).invitations.map {
            ($0.attribution?.ticket_id, $0.customer_handle)
        }
    }

    static func npsCount(_ client: BusClient) async throws -> UInt64 {
        let today = TimeWindow.day(containing: Date(), in: TimeZone(identifier: "Europe/Amsterdam")!)
        return try await client.call(Analytics.getNps, Analytics.GetNpsRequest(window: today)).total?.n ?? 0
    }

    /// An active service expert in a team.
    static func agent(_ client: BusClient) async throws -> String {
        let team = try await client.call(
            Staff.createTeam, Staff.CreateTeamRequest(name: "Service experts", kind: .serviceExperts))
        let agent = try await client.call(
            Staff.createEmployee,
            Staff.CreateEmployeeRequest(
                name: "Sam", email: "sam@example.nl", team_id: team.team?.team_id, employer_id: "in-house",
                employer_kind: .inHouse, country: "NL", role: .serviceExpert, status: .active))
        return try #require(agent.employee?.employee_id)
    }

    /// A ticket of `customer` handled by `agent` and resolved; returns its id.
    static func resolvedTicket(_ client: BusClient, agent: String, customer: String) async throws -> String {
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

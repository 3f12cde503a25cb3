import Bus
import Contract
import Domain
import Foundation
import Testing

/// A team moving over from another tool brings its tickets with their own times.
@Suite("Importing ticket history", .serialized)
struct ImportTests {
    static let day: Int64 = 86_400_000

    @Test("an imported ticket keeps its times, publishes them once, and asks for no survey")
    func importsHistory() async throws {
        let harness = try await TicketsHarness()
        let agent = try await harness.employee("Iris Smit", employer: "partner-callcenter")
        let now = harness.clock.now.unixMilliseconds
        let received = now - 20 * Self.day
        let request = Tickets.ImportTicketRequest(
            external_id: "zd-4711", customer: TicketsHarness.customer(), channel: .email, product_category: "toys",
            subject: "LEGO box for a swimming diploma", assignee_id: agent, received_at_ms: received,
            first_response_at_ms: received + 1_800_000, resolved_at_ms: received + Self.day)
        let first = try await harness.client.call(Tickets.importTicket, request).ticket!
        #expect(first.created_at_ms == received && first.resolved_at_ms == received + Self.day)
        #expect(first.status == .resolved && first.employer_id == "partner-callcenter")
        #expect(first.sla?.first_response_at_ms == received + 1_800_000)

        let again = try await harness.client.call(Tickets.importTicket, request).ticket!
        #expect(again.ticket_id == first.ticket_id)
        #expect(harness.published.types().filter { $0 == "ticket.created" }.count == 1)

        let created = try #require(
            try harness.published.payloads("ticket.created", as: Tickets.TicketCreated.self).first)
        #expect(created.created_at_ms == received && created.received_at_ms == received)
        let answered = try #require(
            try harness.published.payloads("ticket.first_response", as: Tickets.TicketFirstResponse.self).first)
        #expect(answered.responded_at_ms == received + 1_800_000 && answered.agent_id == agent)
        let resolved = try #require(
            try harness.published.payloads("ticket.resolved", as: Tickets.TicketResolved.self).first)
        #expect(resolved.imported == true && resolved.resolved_at_ms == received + Self.day)
        #expect(resolved.agent_id == agent && resolved.employer_id == "partner-callcenter")
        #expect(resolved.first_contact_resolution == true)
        await harness.shutdown()
    }

    @Test("imports are checked: times in order and in the past, an id, known people")
    func refusals() async throws {
        let harness = try await TicketsHarness()
        let now = harness.clock.now.unixMilliseconds
        let base = Tickets.ImportTicketRequest(
            external_id: "x-1", customer: TicketsHarness.customer(), channel: .chat, product_category: "toys",
            received_at_ms: now - Self.day)
        func refused(_ change: (inout Tickets.ImportTicketRequest) -> Void) async -> RPCError? {
            var request = base
            change(&request)
            return await rpcError { _ = try await harness.client.call(Tickets.importTicket, request) }
        }
        #expect(await refused { $0.external_id = nil }?.message.hasPrefix("external_id") == true)
        #expect(await refused { $0.received_at_ms = nil }?.message.hasPrefix("received_at_ms") == true)
        #expect(await refused { $0.received_at_ms = now + Self.day }?.message.hasPrefix("received_at_ms") == true)
        #expect(
            await refused { $0.first_response_at_ms = now - 2 * Self.day }?.message.hasPrefix("first_response_at_ms")
                == true)
        #expect(await refused { $0.resolved_at_ms = now + 1 }?.message.hasPrefix("resolved_at_ms") == true)
        let unknown = await refused { $0.assignee_id = "emp-nobody" }
        #expect(unknown?.code == .notFound && unknown?.message.hasPrefix("assignee_id") == true)
        #expect(harness.published.all.isEmpty)
        await harness.shutdown()
    }
}

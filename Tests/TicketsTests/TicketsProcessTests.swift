import Bus
import Contract
import TestSupport
import Testing

@Suite("tickets as a process", .serialized)
struct TicketsProcessTests {
    @Test("the tickets executable serves Health and Since over the bus")
    func servesStandardMethods() async throws {
        let stack = try await ProcessStack()
        try await stack.start("tickets")
        let health = try await stack.client.call(Tickets.health, HealthRequest())
        #expect(health.service == "tickets" && health.status == .serving && health.last_sequence == 0)
        let replay = try await stack.client.call(Tickets.since, SinceRequest(after_sequence: 0))
        #expect(replay.events.isEmpty)
        await stack.shutdown()
    }
}

import Bus
import Contract
import TestSupport
import Testing

@Suite("staff as a process", .serialized)
struct StaffProcessTests {
    @Test("the staff executable serves Health and Since over the bus")
    func servesStandardMethods() async throws {
        let stack = try await ProcessStack()
        try await stack.start("staff")
        let health = try await stack.client.call(Staff.health, HealthRequest())
        #expect(health.service == "staff" && health.status == .serving && health.last_sequence == 0)
        let replay = try await stack.client.call(Staff.since, SinceRequest(after_sequence: 0))
        #expect(replay.events.isEmpty)
        await stack.shutdown()
    }
}

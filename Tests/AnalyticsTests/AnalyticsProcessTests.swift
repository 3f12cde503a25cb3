import Bus
import Contract
import TestSupport
import Testing

@Suite("analytics as a process", .serialized)
struct AnalyticsProcessTests {
    @Test("an analytics worker serves Health over the bus")
    func servesHealth() async throws {
        let stack = try await ProcessStack()
        try await stack.start("analytics")
        let health = try await stack.client.call(Analytics.health, HealthRequest())
        #expect(health.service == "analytics" && health.status == .serving)
        await stack.shutdown()
    }
}

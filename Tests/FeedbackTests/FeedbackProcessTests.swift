import Bus
import Contract
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
}

import Bus
import Contract
import Domain
import Foundation
import Testing

/// A team moving over from another tool brings its survey answers with their times.
@Suite("Importing survey history", .serialized)
struct ResponseImportTests {
    static let day: Int64 = 86_400_000

    static func request(_ id: String, score: Int32, at: Int64, agent: String, done: Bool? = nil)
        -> Feedback.ImportResponseRequest
    {
        Feedback.ImportResponseRequest(
            external_id: id, score: score, comment: "Took three weeks to arrive",
            attribution: Feedback.Attribution(
                ticket_id: "tkt-old-\(id)", agent_id: agent, team_id: "team-experts", employer_id: "in-house",
                channel: .email, country: "NL", product_category: "photo-products"),
            customer_id: "cus-anna", answered_at_ms: at, follow_up_done: done)
    }

    @Test("an imported answer keeps its time, counts once, and a detractor still gets a follow-up from then")
    func importsAnswers() async throws {
        let harness = try await FeedbackHarness()
        let agent = try await harness.employee()
        let answeredAt = harness.clock.nowMs - 30 * Self.day
        let first = try await harness.call(
            Feedback.importResponse, Self.request("old-1", score: 3, at: answeredAt, agent: agent))
        #expect(first.response?.answered_at_ms == answeredAt && first.response?.source == .other)
        #expect(first.response?.follow_up?.requested_at_ms == answeredAt)
        let again = try await harness.call(
            Feedback.importResponse, Self.request("old-1", score: 3, at: answeredAt, agent: agent))
        #expect(again.response?.response_id == first.response?.response_id)
        let submitted = try harness.events("response.submitted", as: Feedback.ResponseSubmitted.self)
        #expect(submitted.count == 1 && submitted.first?.answered_at_ms == answeredAt)
        let requested = try harness.events("follow_up.requested", as: Feedback.FollowUpRequested.self)
        #expect(requested.map(\.requested_at_ms) == [answeredAt])

        // Followed up in the other tool already: no second follow-up now.
        let done = try await harness.call(
            Feedback.importResponse, Self.request("old-2", score: 2, at: answeredAt, agent: agent, done: true))
        #expect(done.response?.follow_up == nil)
        #expect(try harness.events("follow_up.requested", as: Feedback.FollowUpRequested.self).count == 1)
        await harness.shutdown()
    }

    @Test("imports are checked: an id, a past time, a score")
    func refusals() async throws {
        let harness = try await FeedbackHarness()
        let agent = try await harness.employee()
        let now = harness.clock.nowMs
        var noID = Self.request("x", score: 9, at: now - Self.day, agent: agent)
        noID.external_id = nil
        #expect(await harness.refusal(Feedback.importResponse, noID)?.message.hasPrefix("external_id") == true)
        let future = await harness.refusal(
            Feedback.importResponse, Self.request("x", score: 9, at: now + Self.day, agent: agent))
        #expect(future?.code == .invalidArgument && future?.message.hasPrefix("answered_at_ms") == true)
        let score = await harness.refusal(
            Feedback.importResponse, Self.request("x", score: 11, at: now - Self.day, agent: agent))
        #expect(score?.message.hasPrefix("score") == true)
        let stranger = await harness.refusal(
            Feedback.importResponse, Self.request("x", score: 9, at: now - Self.day, agent: "emp-nobody"))
        #expect(stranger?.message.hasPrefix("attribution.agent_id") == true)
        #expect(try harness.events("response.submitted", as: Feedback.ResponseSubmitted.self).isEmpty)
        await harness.shutdown()
    }
}

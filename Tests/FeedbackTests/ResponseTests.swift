import Bus
import Contract
import Foundation
import Testing

@testable import FeedbackService

/// A harness with an invitation for "tkt-1" that is open now, and its token.
private func openInvitation() async throws -> (FeedbackHarness, String) {
    let harness = try await FeedbackHarness()
    try await harness.resolve(FeedbackHarness.resolved("tkt-1", at: harness.clock.nowMs))
    harness.clock.advance(hours: 25)
    return (harness, try #require(try await harness.invitation(forTicket: "tkt-1").token))
}

@Suite("Survey responses", .serialized)
struct ResponseTests {
    @Test("an answer by token takes the invitation's attribution, and its event carries score and attribution")
    func byToken() async throws {
        let (harness, token) = try await openInvitation()
        let reply = try await harness.call(
            Feedback.submitResponse,
            Feedback.SubmitResponseRequest(token: token, score: 9, comment: "Sam was wonderful", consent_to_quote: true)
        )
        let response = try #require(reply.response)
        #expect(response.score == 9 && response.category == .promoter && response.source == .invitation)
        #expect(response.attribution?.agent_id == "emp-sam" && response.attribution?.ticket_id == "tkt-1")
        #expect(response.customer_id == "cus-anna" && response.follow_up == nil)
        let invitation = try await harness.invitation(forTicket: "tkt-1")
        #expect(invitation.status == .answered && invitation.response_id == response.response_id)
        let event = try #require(try harness.events("response.submitted", as: Feedback.ResponseSubmitted.self).first)
        #expect(event.score == 9 && event.category == .promoter && event.attribution == response.attribution)
        #expect(event.has_comment == true && event.consent_to_quote == true)
        #expect(
            !harness.published.withLock { $0 }.contains {
                String(decoding: $0.payload, as: UTF8.self).contains("wonderful")
            })
        let fetched = try await harness.call(
            Feedback.getResponse, Feedback.GetResponseRequest(response_id: response.response_id))
        #expect(fetched.response == response)
        await harness.shutdown()
    }

    @Test("refusals: token used twice, expired, not sent yet, unknown; score missing or outside 0...10")
    func refusals() async throws {
        let (harness, token) = try await openInvitation()
        for score: Int32? in [nil, -1, 11] {
            let refused = await harness.refusal(
                Feedback.submitResponse, Feedback.SubmitResponseRequest(token: token, score: score))
            #expect(
                refused?.code == .invalidArgument && refused?.message.hasPrefix("score") == true,
                "score \(String(describing: score))")
        }
        _ = try await harness.call(Feedback.submitResponse, Feedback.SubmitResponseRequest(token: token, score: 0))
        let twice = await harness.refusal(
            Feedback.submitResponse, Feedback.SubmitResponseRequest(token: token, score: 10))
        #expect(twice?.code == .alreadyExists)
        let unknown = await harness.refusal(
            Feedback.submitResponse, Feedback.SubmitResponseRequest(token: "not-a-token", score: 5))
        #expect(unknown?.code == .notFound)

        try await harness.resolve(FeedbackHarness.resolved("tkt-2", customer: "cus-bob", at: harness.clock.nowMs))
        let scheduled = try #require(try await harness.invitation(forTicket: "tkt-2").token)
        let early = await harness.refusal(
            Feedback.submitResponse, Feedback.SubmitResponseRequest(token: scheduled, score: 5))
        #expect(early?.code == .failedPrecondition)
        harness.clock.advance(hours: 24 + 14 * 24)  // past send_at + 14 days of validity
        let expired = await harness.refusal(
            Feedback.submitResponse, Feedback.SubmitResponseRequest(token: scheduled, score: 5))
        #expect(expired?.code == .failedPrecondition && expired?.message.contains("expired") == true)
        #expect(try await harness.invitation(forTicket: "tkt-2").status == .expired)
        // Only the one valid answer was recorded.
        let all = try await harness.call(Feedback.listResponses, Feedback.ListResponsesRequest())
        #expect(all.responses.count == 1)
        await harness.shutdown()
    }

    @Test("without a ticket: own attributes required, WEB by default, one answer per idempotency key")
    func withoutTicket() async throws {
        let harness = try await FeedbackHarness()
        let missing = await harness.refusal(Feedback.submitResponse, Feedback.SubmitResponseRequest(score: 8))
        #expect(missing?.code == .invalidArgument && missing?.message.hasPrefix("attribution") == true)
        let request = Feedback.SubmitResponseRequest(
            score: 8,
            attribution: .init(
                channel: .inStore, country: "BE", product_category: "electronics", touchpoint: "store-visit"),
            customer_id: "cus-dirk")
        let first = try await harness.call(Feedback.submitResponse, request, key: "form-77")
        let retry = try await harness.call(Feedback.submitResponse, request, key: "form-77")
        #expect(first == retry)
        #expect(first.response?.source == .web && first.response?.category == .passive)
        var inStore = request
        inStore.source = .inStore
        inStore.score = 10
        _ = try await harness.call(Feedback.submitResponse, inStore)
        let listed = try await harness.call(
            Feedback.listResponses, Feedback.ListResponsesRequest(categories: [.passive], country: "BE"))
        #expect(listed.responses.map { $0.response_id } == [first.response?.response_id])
        let events = try harness.events("response.submitted", as: Feedback.ResponseSubmitted.self)
        #expect(events.count == 2 && events[0].attribution?.touchpoint == "store-visit")
        await harness.shutdown()
    }

    @Test("listing filters by agent, team, channel, comment text and consent, newest first, in pages")
    func listing() async throws {
        let harness = try await FeedbackHarness()
        for (index, agent) in ["emp-a", "emp-b", "emp-a"].enumerated() {
            try await harness.resolve(
                FeedbackHarness.resolved(
                    "tkt-\(index)", customer: "cus-\(index)", agent: agent, at: harness.clock.nowMs))
        }
        harness.clock.advance(hours: 25)
        for index in 0..<3 {
            let token = try await harness.invitation(forTicket: "tkt-\(index)").token
            _ = try await harness.call(
                Feedback.submitResponse,
                Feedback.SubmitResponseRequest(
                    token: token, score: Int32(8 + index % 2), comment: index == 1 ? "Fast DELIVERY" : nil,
                    consent_to_quote: index == 1))
            harness.clock.advance(hours: 1)
        }
        let byAgent = try await harness.call(Feedback.listResponses, Feedback.ListResponsesRequest(agent_id: "emp-a"))
        #expect(byAgent.responses.map { $0.attribution?.ticket_id } == ["tkt-2", "tkt-0"])
        let text = try await harness.call(Feedback.listResponses, Feedback.ListResponsesRequest(text: "delivery"))
        #expect(text.responses.map { $0.attribution?.ticket_id } == ["tkt-1"])
        let quotable = try await harness.call(
            Feedback.listResponses, Feedback.ListResponsesRequest(with_comment: true, consent_to_quote: true))
        #expect(quotable.responses.count == 1)
        let page1 = try await harness.call(
            Feedback.listResponses, Feedback.ListResponsesRequest(channels: [.chat], page_size: 2))
        #expect(page1.responses.count == 2 && page1.next_page_token != nil)
        let page2 = try await harness.call(
            Feedback.listResponses,
            Feedback.ListResponsesRequest(channels: [.chat], page_size: 2, page_token: page1.next_page_token))
        #expect(page2.responses.count == 1 && page2.next_page_token == nil)
        await harness.shutdown()
    }
}

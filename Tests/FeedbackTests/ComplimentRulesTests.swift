import Bus
import Contract
import ServiceKit
import Testing

@testable import FeedbackService

/// The compliment rules on their own, without a store: what a compliment takes from
/// the answer it quotes and when there is nothing to make one of.
@Suite("Compliment rules")
struct ComplimentRulesTests {
    let promoter = Feedback.SurveyResponse(
        response_id: "rsp-1", score: 10, comment: "Sam found my size", consent_to_quote: false,
        attribution: .init(agent_id: "emp-sam", team_id: "team-care", channel: .chat, country: "BE"),
        answered_at_ms: 1_000)

    @Test("from an answer: its comment, agent, team, channel and country; its consent, not the caller's")
    func fromAnswer() throws {
        let request = NewCompliment(responseID: "rsp-1", customerDisplayName: "Anna de Vries", consentToShow: true)
        let compliment = try ComplimentRules.compliment(request, from: promoter, id: "cmp-1", nowMs: 5_000)
        #expect(compliment.source == .response && compliment.response_id == "rsp-1")
        #expect(compliment.text == "Sam found my size")
        #expect(compliment.employee_id == "emp-sam" && compliment.team_id == "team-care")
        #expect(compliment.channel == .chat && compliment.country == "BE")
        #expect(compliment.consent_to_show == false)
        #expect(compliment.received_at_ms == 1_000)
        #expect(compliment.customer_display_name == "Anna V.")
    }

    @Test("a detractor's answer, nothing to quote or nobody to praise is refused naming the field")
    func refusals() {
        var detractor = promoter
        detractor.score = 3
        detractor.category = .detractor
        #expect(throws: Refusal.self) {
            _ = try ComplimentRules.compliment(.init(responseID: "rsp-1"), from: detractor, id: "c", nowMs: 0)
        }
        #expect(throws: Refusal.invalid(field: "text", "must be set (the response has no comment)")) {
            _ = try ComplimentRules.compliment(.init(employeeID: "emp-sam"), from: nil, id: "c", nowMs: 0)
        }
        #expect(throws: Refusal.invalid(field: "employee_id", "or team_id must be set: who is complimented")) {
            _ = try ComplimentRules.compliment(.init(text: "Thanks!"), from: nil, id: "c", nowMs: 0)
        }
    }
}

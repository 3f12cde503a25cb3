import Bus
import Contract
import Foundation
import Testing

@testable import FeedbackService

@Suite("Quotes never carry a customer's full name", .serialized)
struct QuoteNameTests {
    @Test(
        "a name becomes first name and initial, or the first name, or none",
        arguments: [
            ("Anna de Vries", "Anna V."), ("Jan", "Jan"), ("  Marie-Claire   Dubois ", "Marie-Claire D."),
            ("anna@example.nl", nil), ("+32 470 12 34 56", nil), ("", nil), ("Bram P.", "Bram P."),
        ] as [(String, String?)])
    func shortens(name: String, shown: String?) {
        #expect(QuoteName.shown(name) == shown)
    }

    @Test("the wall shows a consented quote with first name and initial, whatever full name the caller passed")
    func wallShortens() async throws {
        let harness = try await FeedbackHarness()
        let sam = try await harness.employee()
        let answer = try await harness.call(
            Feedback.submitResponse,
            .init(
                score: 10, comment: "Sam fixed it on the spot", consent_to_quote: true,
                attribution: .init(agent_id: sam, channel: .phone, country: "NL"), customer_id: "cus-1"))
        let fromResponse = try await harness.call(
            Feedback.createCompliment,
            .init(response_id: answer.response?.response_id, customer_display_name: "Anna de Vries"))
        #expect(fromResponse.compliment?.customer_display_name == "Anna V.")
        _ = try await harness.call(
            Feedback.createCompliment,
            .init(
                employee_id: "emp-sam", text: "Thank you!", customer_display_name: "jan.peeters@example.be",
                consent_to_show: true))
        let wall = try await harness.call(Feedback.listComplimentWall, .init())
        #expect(wall.compliments.map { $0.customer_display_name } == [nil, "Anna V."])
        await harness.shutdown()
    }
}

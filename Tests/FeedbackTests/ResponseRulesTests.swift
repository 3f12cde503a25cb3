import Contract
import ServiceKit
import Testing

@testable import FeedbackService

/// When an answer may be recorded, without a store.
@Suite("Response rules")
struct ResponseRulesTests {
    @Test("an answer from the future is refused naming answered_at_ms")
    func answeredAt() throws {
        try ResponseRules.checkAnsweredAt(1_000, nowMs: 1_000)
        #expect(throws: Refusal.invalid(field: "answered_at_ms", "must not be in the future, got 1001")) {
            try ResponseRules.checkAnsweredAt(1_001, nowMs: 1_000)
        }
    }

    @Test("an invitation is answered once, after it is sent and before it expires")
    func answerable() throws {
        try ResponseRules.checkAnswerable(Feedback.Invitation(status: .open))
        #expect(throws: Refusal.exists("this survey was already answered")) {
            try ResponseRules.checkAnswerable(Feedback.Invitation(status: .answered))
        }
        #expect(throws: Refusal.self) { try ResponseRules.checkAnswerable(Feedback.Invitation(status: .expired)) }
        #expect(throws: Refusal.self) { try ResponseRules.checkAnswerable(Feedback.Invitation(status: .scheduled)) }
    }
}

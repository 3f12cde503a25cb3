import Contract
import Testing

@testable import FeedbackService

/// Which themes rules give a comment, and which earlier answers change when the
/// rules do, without a store.
@Suite("Theme matching")
struct ThemeMatchingTests {
    let rules = [
        Feedback.ThemeRule(theme: "late-delivery", keywords: ["te laat"], languages: ["nl"], enabled: true),
        Feedback.ThemeRule(theme: "refund", keywords: ["Refund"], enabled: true),
        Feedback.ThemeRule(theme: "off", keywords: ["pakket"], enabled: false),
    ]

    @Test("keywords match case-insensitively, a rule's languages by prefix, disabled rules never")
    func themes() {
        let comment = "Pakket kwam te laat, ik wil een REFUND"
        #expect(ThemeMatching.themes(comment: comment, language: "nl-BE", rules: rules) == ["late-delivery", "refund"])
        #expect(ThemeMatching.themes(comment: comment, language: "fr", rules: rules) == ["refund"])
        #expect(ThemeMatching.themes(comment: comment, language: nil, rules: rules) == ["late-delivery", "refund"])
        #expect(ThemeMatching.themes(comment: nil, language: nil, rules: rules).isEmpty)
    }

    @Test("applied again: given plus found, sorted; unchanged answers and answers themed by hand are left alone")
    func refreshed() {
        func answer(_ id: String, themes: [String], byHand: Bool = false) -> CommentedAnswer {
            CommentedAnswer(
                response: Feedback.SurveyResponse(response_id: id, themes: themes, themes_by_hand: byHand),
                comment: "a refund please", language: "en", givenThemes: ["price"])
        }
        let changed = ThemeMatching.refreshed(
            [
                answer("rsp-1", themes: ["price"]), answer("rsp-2", themes: ["refund", "price"]),
                answer("rsp-3", themes: ["other"], byHand: true),
            ], rules: rules)
        #expect(changed.map(\.response_id) == ["rsp-1"])
        #expect(changed.first?.themes == ["price", "refund"])
    }
}

import Contract

extension Feedback.ResponseSubmitted {
    /// What analytics counts: score, category and the full frozen attribution; never the comment.
    init(_ response: Feedback.SurveyResponse) {
        self.init(
            response_id: response.response_id, invitation_id: response.invitation_id, score: response.score,
            category: response.category, attribution: response.attribution, customer_id: response.customer_id,
            source: response.source, answered_at_ms: response.answered_at_ms, has_comment: response.comment != nil,
            consent_to_quote: response.consent_to_quote ?? false, themes: response.themes)
    }
}

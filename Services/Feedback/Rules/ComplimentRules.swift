import Contract
import ServiceKit

/// What a compliment says and whom it praises: as the caller gives it, or taken from
/// the survey answer it quotes (never a detractor's). The customer is named by
/// `QuoteName`, whatever the request says.
enum ComplimentRules {
    /// The compliment `new` makes. From `response`: its comment is the text unless
    /// `text` is set; employee, team, channel and country come from its attribution;
    /// consent is the response's consent to quote (false stays false).
    /// - Parameters:
    ///   - response: The answer named by `response_id`, read by the store; nil: direct.
    ///   - id: The new compliment's id.
    ///   - nowMs: When it is received unless the request or the answer says.
    /// - Throws: `Refusal.invalid` naming `response_id` for a detractor's answer, `text`
    ///   when there is nothing to quote, `employee_id` when nobody is praised.
    static func compliment(
        _ new: NewCompliment, from response: Feedback.SurveyResponse?, id: String, nowMs: Int64
    ) throws(Refusal) -> Feedback.Compliment {
        var compliment = Feedback.Compliment(
            compliment_id: id, source: .direct, employee_id: new.employeeID, team_id: new.teamID, text: new.text,
            customer_display_name: QuoteName.shown(new.customerDisplayName), value_ids: new.valueIDs,
            consent_to_show: new.consentToShow, channel: new.channel, country: new.country,
            received_at_ms: new.receivedAtMs ?? nowMs, created_by_id: new.createdByID)
        if let response {
            let responseID = new.responseID ?? response.response_id ?? ""
            guard response.category != .detractor else {
                throw Refusal.invalid(
                    field: "response_id",
                    "'\(responseID)' is a detractor's answer (score \(response.score ?? 0)): it goes to Special Care, not to a compliment wall"
                )
            }
            compliment.source = .response
            compliment.response_id = responseID
            compliment.text = new.text ?? response.comment
            compliment.employee_id = new.employeeID ?? response.attribution?.agent_id
            compliment.team_id = new.teamID ?? response.attribution?.team_id
            compliment.consent_to_show = response.consent_to_quote ?? false
            compliment.channel = response.attribution?.channel
            compliment.country = response.attribution?.country
            compliment.received_at_ms = new.receivedAtMs ?? response.answered_at_ms
        }
        guard compliment.text != nil else {
            throw Refusal.invalid(field: "text", "must be set (the response has no comment)")
        }
        guard compliment.employee_id != nil || compliment.team_id != nil else {
            throw Refusal.invalid(field: "employee_id", "or team_id must be set: who is complimented")
        }
        return compliment
    }
}

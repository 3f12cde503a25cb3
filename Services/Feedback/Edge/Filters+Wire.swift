import Contract
import Domain

// The list requests' filters as the store takes them, once, here.

extension InvitationFilter {
    init(_ request: Feedback.ListInvitationsRequest) {
        self.init(
            ticketID: request.ticket_id, customerID: request.customer_id, statuses: request.statuses,
            created: request.created?.bounds)
    }
}

extension AnswerFilter {
    init(_ request: Feedback.ListResponsesRequest) {
        self.init(
            answered: request.window?.bounds, categories: request.categories, channels: request.channels,
            country: request.country, productCategory: request.product_category, agentID: request.agent_id,
            teamID: request.team_id, ticketID: request.ticket_id, theme: request.theme,
            withComment: request.with_comment, consentToQuote: request.consent_to_quote, text: request.text)
    }

    /// Detractors only.
    init(detractorsOf request: Feedback.GetThemeCountsRequest) {
        self.init(
            answered: request.window?.bounds, categories: [.detractor], channels: request.channels,
            country: request.country, productCategory: request.product_category)
    }
}

extension FollowUpFilter {
    init(_ request: Feedback.ListFollowUpsRequest) {
        self.init(statuses: request.statuses, requested: request.window?.bounds)
    }
}

extension ComplimentFilter {
    init(_ request: Feedback.ListComplimentWallRequest) {
        self.init(employeeID: request.employee_id, teamID: request.team_id, valueID: request.value_id)
    }
}

extension StoryFilter {
    init(_ request: Feedback.ListStoriesRequest) {
        self.init(
            text: request.text, employeeID: request.employee_id, teamID: request.team_id, valueID: request.value_id,
            created: request.window?.bounds)
    }
}

extension Domain.TimeWindow {
    /// [from, to) in Unix milliseconds.
    var bounds: MillisecondWindow { (from.unixMilliseconds, to.unixMilliseconds) }
}

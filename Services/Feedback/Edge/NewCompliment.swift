import Bus
import Contract
import Domain
import ServiceKit

/// A checked CreateCompliment: ids, slugs, text and country checked.
struct NewCompliment: Sendable {
    /// The answer it quotes; nil: a direct compliment.
    var responseID: String?
    var employeeID: String?
    var teamID: String?
    var text: String?
    /// As the caller gives it; `QuoteName` shortens it.
    var customerDisplayName: String?
    var valueIDs: [String] = []
    var consentToShow = false
    var channel: Channel?
    var country: String?
    var receivedAtMs: Int64?
    var createdByID: String?
}

extension NewCompliment {
    /// - Throws: INVALID_ARGUMENT naming the first field that is not well-formed.
    init(checking request: Feedback.CreateComplimentRequest) throws {
        self.init(
            responseID: try Fields.optionalID(request.response_id, "response_id"),
            employeeID: try Fields.optionalID(request.employee_id, "employee_id"),
            teamID: try Fields.optionalID(request.team_id, "team_id"),
            text: try Fields.optionalText(request.text, "text", maxLength: 2000),
            customerDisplayName: try Fields.optionalText(
                request.customer_display_name, "customer_display_name", maxLength: 100),
            valueIDs: try Fields.slugs(request.value_ids, "value_ids"), consentToShow: request.consent_to_show ?? false,
            channel: request.channel, receivedAtMs: request.received_at_ms,
            createdByID: try Fields.optionalID(request.created_by_id, "created_by_id"))
        if let country = request.country, !country.isEmpty {
            _ = try Fields.country(country, "country")
            self.country = country
        }
    }
}

import Bus
import Contract
import Domain
import ServiceKit

/// Field checks only this service needs (ids and slugs are `Fields`'), answering
/// INVALID_ARGUMENT naming the field.
enum Check {
    /// A score 0...10; unset or out of range names `score`.
    static func score(_ value: Int32?) throws(RPCError) -> NPSScore {
        let value = try Fields.required(value, "score")
        do { return try NPSScore(Int(value), field: "score") } catch {
            throw RPCError.invalidArgument(field: error.field, error.reason)
        }
    }

    /// An attribution's own fields: ids, a known channel, an ISO country, slugs.
    static func attribution(_ value: Feedback.Attribution, _ field: String = "attribution")
        throws(RPCError) -> Feedback.Attribution
    {
        var checked = value
        checked.ticket_id = try Fields.optionalID(value.ticket_id, "\(field).ticket_id")
        checked.agent_id = try Fields.optionalID(value.agent_id, "\(field).agent_id")
        checked.team_id = try Fields.optionalID(value.team_id, "\(field).team_id")
        checked.employer_id = try Fields.optionalID(value.employer_id, "\(field).employer_id")
        if let country = value.country, !country.isEmpty {
            _ = try Fields.country(country, "\(field).country")
        } else {
            checked.country = nil
        }
        if let category = value.product_category, !category.isEmpty {
            checked.product_category = try Fields.slug(category, "\(field).product_category")
        } else {
            checked.product_category = nil
        }
        if let touchpoint = value.touchpoint, !touchpoint.isEmpty {
            checked.touchpoint = try Fields.slug(touchpoint, "\(field).touchpoint")
        } else {
            checked.touchpoint = nil
        }
        return checked
    }
}

import Bus
import Contract
import Domain
import ServiceKit

/// Field checks of this service that answer INVALID_ARGUMENT naming the field.
enum Check {
    /// A slug (theme, core value): lowercase letters, digits and '-', 1...64 characters.
    static func slug(_ value: String, _ field: String) throws(RPCError) -> String {
        let ok =
            !value.isEmpty && value.utf8.count <= 64
            && value.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
        guard ok else {
            throw RPCError.invalidArgument(field: field, "'\(value)' is not a slug (a-z, 0-9 and '-', 1...64)")
        }
        return value
    }

    /// Distinct slugs in first-seen order.
    static func slugs(_ values: [String], _ field: String) throws(RPCError) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for value in values where seen.insert(try slug(value, field)).inserted { result.append(value) }
        return result
    }

    /// An entity id of another service (employee, team, ticket, customer).
    static func id(_ value: String, _ field: String) throws(RPCError) -> String {
        let ok =
            !value.isEmpty && value.utf8.count <= 64
            && value.utf8.allSatisfy {
                ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 46
                    || $0 == 95 || $0 == 58
            }
        guard ok else { throw RPCError.invalidArgument(field: field, "'\(value)' is not an id") }
        return value
    }

    static func optionalID(_ value: String?, _ field: String) throws(RPCError) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return try id(value, field)
    }

    static func ids(_ values: [String], _ field: String) throws(RPCError) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for value in values where seen.insert(try id(value, field)).inserted { result.append(value) }
        return result
    }

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
        checked.ticket_id = try optionalID(value.ticket_id, "\(field).ticket_id")
        checked.agent_id = try optionalID(value.agent_id, "\(field).agent_id")
        checked.team_id = try optionalID(value.team_id, "\(field).team_id")
        checked.employer_id = try optionalID(value.employer_id, "\(field).employer_id")
        if let country = value.country, !country.isEmpty {
            do { _ = try Country(country, field: "\(field).country") } catch {
                throw RPCError.invalidArgument(field: error.field, error.reason)
            }
        } else {
            checked.country = nil
        }
        if let category = value.product_category, !category.isEmpty {
            checked.product_category = try slug(category, "\(field).product_category")
        } else {
            checked.product_category = nil
        }
        if let touchpoint = value.touchpoint, !touchpoint.isEmpty {
            checked.touchpoint = try slug(touchpoint, "\(field).touchpoint")
        } else {
            checked.touchpoint = nil
        }
        return checked
    }
}

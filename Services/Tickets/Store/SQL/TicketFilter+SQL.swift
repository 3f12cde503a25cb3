import Contract
import ServiceKit

extension TicketFilter {
    /// The WHERE clause (empty when nothing is filtered) and its arguments.
    func sqlWhere() -> (String, [SQLValue]) {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        func any(_ column: String, _ values: [Int32]) {
            guard !values.isEmpty else { return }
            conditions.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ", ")))")
            arguments += values.map { .integer(Int64($0)) }
        }
        func equal(_ column: String, _ value: (any SQLValueConvertible)?) {
            guard let value else { return }
            conditions.append("\(column) = ?")
            arguments.append(value.sqlValue)
        }
        any("status", statuses.map(\.rawValue))
        any("channel", channels.map(\.wireValue))
        any("sla_flag", slaStates.map(\.rawValue))
        equal("assignee_id", assigneeID)
        equal("team_id", teamID)
        equal("country", country)
        equal("special_care", specialCare)
        equal("customer_id", customerID)
        equal("order_reference", orderReference)
        equal("product_category", productCategory)
        if let breached {
            // Breached while waiting, or answered after the target.
            let late = [Tickets.SlaState.breached, .missed].map { String($0.rawValue) }.joined(separator: ", ")
            conditions.append(breached ? "sla_flag IN (\(late))" : "sla_flag NOT IN (\(late))")
        }
        if let text {
            conditions.append("search_text LIKE ? ESCAPE '\\'")
            let escaped = text.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            arguments.append(.text("%\(escaped)%"))
        }
        if let createdFromMs {
            conditions.append("created_at_ms >= ?")
            arguments.append(.integer(createdFromMs))
        }
        if let createdToMs {
            conditions.append("created_at_ms < ?")
            arguments.append(.integer(createdToMs))
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }
}

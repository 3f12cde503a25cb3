import ServiceKit

/// The WHERE clause of a listing, built from its filters.
struct SQLClauses {
    private var clauses: [String] = []
    private var values: [SQLValue] = []

    /// Adds `clause` with the values of its placeholders.
    mutating func add(_ clause: String, _ values: any SQLValueConvertible...) {
        clauses.append(clause)
        self.values += values.map(\.sqlValue)
    }

    /// `column = value` when `value` is set.
    mutating func match(_ column: String, _ value: (any SQLValueConvertible)?) {
        guard let value else { return }
        add("\(column) = ?", value)
    }

    /// " WHERE ..." or nothing.
    var whereClause: String { clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ") }

    /// The values, then the page's LIMIT and OFFSET.
    func arguments(_ page: Page) -> [SQLValue] { values + [page.limit.sqlValue, page.offset.sqlValue] }
}

extension String {
    /// Escapes LIKE wildcards with '\'.
    var likeEscaped: String {
        replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

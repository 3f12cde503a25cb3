import Foundation
import ServiceKit
import Wire

/// ",a,b," for a list column; "," when empty.
func listColumn(_ values: [String]) -> String { "," + values.map { $0 + "," }.joined() }

/// A WHERE clause built from the filters that are set, in the SQL of `dialect`
/// where the backends differ (finding text inside a column).
struct Filter {
    let dialect: SQLDialect
    private(set) var clauses: [String] = []
    /// The values of the placeholders, in order.
    private(set) var values: [SQLValue] = []

    init(_ dialect: SQLDialect) {
        self.dialect = dialect
    }

    /// Adds `clause` with its `?` arguments.
    mutating func add(_ clause: String, _ values: any SQLValueConvertible...) {
        add(clause, list: values)
    }

    /// Adds `clause` with an argument list.
    mutating func add(_ clause: String, list values: [any SQLValueConvertible]) {
        clauses.append(clause)
        self.values += values.map(\.sqlValue)
    }

    /// `column IN (...)` when `values` is not empty.
    mutating func any(_ column: String, _ values: [some SQLValueConvertible]) {
        guard !values.isEmpty else { return }
        add("\(column) IN (\(values.map { _ in "?" }.joined(separator: ", ")))", list: values)
    }

    /// `value` appears in the list column `column`.
    mutating func contains(_ column: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        add(Self.position(of: "?", in: column, dialect) + " > 0", ",\(value),")
    }

    /// `column = value` when `value` is set and not empty.
    mutating func equal(_ column: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        add("\(column) = ?", value)
    }

    /// Case-insensitive substring of any of `columns`: `lower()` on both sides, so
    /// both backends fold case the same way (no LIKE, whose wildcards and case
    /// rules differ).
    mutating func text(_ columns: [String], _ value: String?) {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        let needle = value.trimmingCharacters(in: .whitespaces)
        let found = columns.map { Self.position(of: "lower(?)", in: "lower(\($0))", dialect) + " > 0" }
        add("(" + found.joined(separator: " OR ") + ")", list: columns.map { _ in needle })
    }

    /// `from <= column < to`.
    mutating func window(_ column: String, _ window: (from: Int64, to: Int64)?) {
        guard let window else { return }
        add("\(column) >= ? AND \(column) < ?", window.from, window.to)
    }

    var sql: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }

    /// Arguments followed by `extra` (e.g. LIMIT and OFFSET).
    func arguments(then extra: any SQLValueConvertible...) -> [SQLValue] {
        values + extra.map(\.sqlValue)
    }

    /// Where `needle` first occurs in `text` (1-based, 0 when it does not):
    /// SQLite's `instr`, PostgreSQL's `strpos`.
    static func position(of needle: String, in text: String, _ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: "instr(\(text), \(needle))"
        case .postgres: "strpos(\(text), \(needle))"
        }
    }
}

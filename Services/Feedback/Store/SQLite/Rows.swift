import Foundation
import GRDB
import Wire

/// ",a,b," for a list column; "," when empty.
func listColumn(_ values: [String]) -> String { "," + values.map { $0 + "," }.joined() }

/// A WHERE clause built from the filters that are set.
struct Filter {
    private(set) var clauses: [String] = []
    private(set) var arguments: [(any DatabaseValueConvertible)?] = []

    /// Adds `clause` with its `?` arguments.
    mutating func add(_ clause: String, _ values: (any DatabaseValueConvertible)?...) {
        clauses.append(clause)
        arguments += values
    }

    /// Adds `clause` with an argument list.
    mutating func add(_ clause: String, list values: [(any DatabaseValueConvertible)?]) {
        clauses.append(clause)
        arguments += values
    }

    /// `column IN (...)` when `values` is not empty.
    mutating func any(_ column: String, _ values: [some DatabaseValueConvertible]) {
        guard !values.isEmpty else { return }
        clauses.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ", ")))")
        arguments += values.map { $0 }
    }

    /// `value` appears in the list column `column`.
    mutating func contains(_ column: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        add("instr(\(column), ?) > 0", ",\(value),")
    }

    /// `column = value` when `value` is set and not empty.
    mutating func equal(_ column: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        add("\(column) = ?", value)
    }

    /// Case-insensitive substring of any of `columns`.
    mutating func text(_ columns: [String], _ value: String?) {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        let needle = value.trimmingCharacters(in: .whitespaces).lowercased()
        clauses.append("(" + columns.map { "instr(lower(\($0)), ?) > 0" }.joined(separator: " OR ") + ")")
        arguments += columns.map { _ in needle }
    }

    /// `from <= column < to`.
    mutating func window(_ column: String, _ window: (from: Int64, to: Int64)?) {
        guard let window else { return }
        add("\(column) >= ? AND \(column) < ?", window.from, window.to)
    }

    var sql: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }
    var statementArguments: StatementArguments { StatementArguments(arguments) }

    /// Arguments followed by `extra` (e.g. LIMIT and OFFSET).
    func statementArguments(then extra: (any DatabaseValueConvertible)?...) -> StatementArguments {
        StatementArguments(arguments + extra)
    }
}

/// Which SQL a session speaks, for the few statements that differ.
public enum SQLDialect: Sendable {
    case sqlite
    case postgres
}

/// A connection a store's queries run on, the same for SQLite and PostgreSQL:
/// statements with `?` placeholders and `SQLValue` arguments, run synchronously
/// inside a read or write of the store.
///
/// Queries written against it use the SQL both backends understand (upserts with
/// `ON CONFLICT`, `COALESCE`, `LIMIT ? OFFSET ?`); where they differ, `dialect` says
/// which to use.
public protocol SQLSession: AnyObject {
    var dialect: SQLDialect { get }
    /// Runs one statement.
    /// - Throws: the backend's error.
    func execute(_ sql: String, _ arguments: [SQLValue]) throws
    /// Runs one query and returns its rows.
    /// - Throws: the backend's error.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
}

extension SQLSession {
    /// Runs one statement with `arguments` converted.
    public func execute(_ sql: String, _ arguments: any SQLValueConvertible...) throws {
        try execute(sql, arguments.map(\.sqlValue))
    }

    /// The rows of `sql` with `arguments` converted.
    public func rows(_ sql: String, _ arguments: any SQLValueConvertible...) throws -> [SQLRow] {
        try rows(sql, arguments.map(\.sqlValue))
    }

    /// Inserts the row, or updates the row with the same `key` columns in place
    /// (`ON CONFLICT ... DO UPDATE`, which both backends speak; unlike SQLite's
    /// `INSERT OR REPLACE` the row keeps its rowid).
    public func upsert(_ table: String, key: [String], _ columns: [(String, any SQLValueConvertible)]) throws {
        let names = columns.map(\.0)
        let updates = names.filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }
        try execute(
            """
            INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET \(updates.joined(separator: ", "))
            """, columns.map(\.1.sqlValue))
    }

    /// The first column of the first row; nil when there is no row or it is NULL.
    public func value<Value: SQLValueConvertible>(
        _ type: Value.Type = Value.self, _ sql: String, _ arguments: [SQLValue] = []
    ) throws -> Value? {
        try rows(sql, arguments).first?.first(Value.self)
    }
}

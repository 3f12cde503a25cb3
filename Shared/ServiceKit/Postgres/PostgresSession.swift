import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// One PostgreSQL connection used synchronously, as `SQLSession` asks: each
/// statement waits for its result. Sessions are used from their own dispatch
/// queue only (never from the concurrency pool), one statement at a time.
///
/// The connection is opened on first use and again after it broke, but only at a
/// `begin`: a connection lost inside a transaction fails every statement up to
/// the transaction's end with `PostgresConnectionLost`, so nothing of it runs
/// outside the transaction. Each connection gives up waiting for a lock after
/// 20 s and is closed by the server after 30 s idle inside a transaction (a
/// stopped or cut-off process cannot hold the write lock for long).
final class PostgresSession: SQLSession, @unchecked Sendable {
    let dialect = SQLDialect.postgres
    private let address: PostgresAddress
    private let logger: Logger
    private var connection: PostgresConnection?
    /// Whether a transaction (a write's, or a read's snapshot) is open.
    private var inTransactionBlock = false
    /// Whether a write transaction is open and usable (`CommitSession`).
    var isInsideTransaction = false
    private static let ids = Mutex(0)

    init(address: PostgresAddress, logger: Logger) {
        self.address = address
        self.logger = logger
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        _ = try run(sql, arguments)
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        try run(sql, arguments).rows.map { row in
            var columns: [String] = []
            var values: [SQLValue] = []
            for cell in row {
                columns.append(cell.columnName)
                values.append(try SQLValue(cell))
            }
            return SQLRow(columns: columns, values: values)
        }
    }

    /// Starts a transaction with `sql` (`BEGIN ...`), on a new connection when the
    /// last one broke.
    func begin(_ sql: String) throws {
        _ = try run(sql, [], reconnect: true)
        inTransactionBlock = true
    }

    /// Ends the transaction with `sql` (`COMMIT` or `ROLLBACK`).
    /// - Throws: `PostgresConnectionLost` when the server rolled back instead of
    ///   committing (the transaction had failed) or the connection is gone.
    func end(_ sql: String) throws {
        defer { inTransactionBlock = false }
        let result = try run(sql, [])
        if sql == "COMMIT" && result.metadata.command != "COMMIT" {
            throw PostgresConnectionLost(reason: "the server rolled the transaction back (\(result.metadata.command))")
        }
    }

    /// Closes the connection (the next `begin` or statement opens a new one).
    func close() {
        try? connection?.close().wait()
        connection = nil
    }

    private func run(_ sql: String, _ arguments: [SQLValue], reconnect: Bool = false) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments { argument.bind(into: &binds) }
        let query = PostgresQuery(unsafeSQL: Self.numberedPlaceholders(sql), binds: binds)
        let connection = try open(reconnect: reconnect)
        do {
            return try connection.query(query, logger: logger).wait()
        } catch {
            if connection.isClosed || (error as? PSQLError)?.serverInfo == nil {
                // The connection broke (not a statement the server refused): its
                // transaction is gone with it.
                self.connection = nil
                lose()
                try? connection.close().wait()
            }
            throw error
        }
    }

    private func open(reconnect: Bool) throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        if inTransactionBlock && !reconnect {
            lose()
            throw PostgresConnectionLost(reason: "the connection closed inside a transaction")
        }
        let id = Self.ids.withLock { id in
            id += 1
            return id
        }
        let opened = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: address.configuration, id: id,
            logger: logger
        ).wait()
        for setting in ["lock_timeout = '20s'", "idle_in_transaction_session_timeout = '30s'"] {
            _ = try opened.query(PostgresQuery(unsafeSQL: "SET \(setting)"), logger: logger).wait()
        }
        connection = opened
        return opened
    }

    /// Forgets the transaction a broken connection took with it.
    private func lose() {
        inTransactionBlock = false
        isInsideTransaction = false
    }

    /// `?` placeholders as PostgreSQL's `$1, $2, ...`, leaving quoted text and names alone.
    static func numberedPlaceholders(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql {
            if character == "'" || character == "\"" {
                if quote == nil { quote = character } else if quote == character { quote = nil }
            }
            if character == "?" && quote == nil {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension SQLValue {
    fileprivate func bind(into binds: inout PostgresBindings) {
        switch self {
        case .null: binds.appendNull()
        case .integer(let value): binds.append(value)
        case .real(let value): binds.append(value)
        case .text(let value): binds.append(value)
        case .blob(let value): binds.append(ByteBuffer(bytes: value))
        }
    }

    /// A cell as the value SQLite would give: booleans as integers, numerics
    /// (what SUM of integers gives) as integers when whole.
    fileprivate init(_ cell: PostgresCell) throws {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: self = .integer(try cell.decode(Int64.self))
        case .bool: self = .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: self = .real(try cell.decode(Double.self))
        case .numeric:
            let number = try cell.decode(Decimal.self)
            let whole = NSDecimalNumber(decimal: number)
            self = number == Decimal(whole.int64Value) ? .integer(whole.int64Value) : .real(whole.doubleValue)
        case .bytea: self = .blob(Array(try cell.decode(ByteBuffer.self).readableBytesView))
        default: self = .text(try cell.decode(String.self))
        }
    }
}

/// The connection to PostgreSQL was lost inside a transaction, or the server ended
/// the transaction: nothing of it was committed, unless the loss came during COMMIT.
struct PostgresConnectionLost: Error, CustomStringConvertible {
    let reason: String
    var description: String { "PostgreSQL connection lost: \(reason)" }
}

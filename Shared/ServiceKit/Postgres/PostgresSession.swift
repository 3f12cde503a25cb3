import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// One PostgreSQL connection used synchronously, as `SQLSession` asks: each
/// statement waits for its result. Sessions are used from their own dispatch
/// queue only (never from the concurrency pool), one statement at a time; the
/// connection is opened on first use and again after it broke.
final class PostgresSession: SQLSession, @unchecked Sendable {
    let dialect = SQLDialect.postgres
    private let address: PostgresAddress
    private let logger: Logger
    private var connection: PostgresConnection?
    /// Whether a write transaction is open on the connection (`CommitSession`).
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

    /// Closes the connection (the next statement opens a new one).
    func close() {
        try? connection?.close().wait()
        connection = nil
    }

    private func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments { argument.bind(into: &binds) }
        let query = PostgresQuery(unsafeSQL: Self.numberedPlaceholders(sql), binds: binds)
        let connection = try open()
        do {
            return try connection.query(query, logger: logger).wait()
        } catch let error as PSQLError where error.serverInfo == nil {
            // The connection broke (not a statement the server refused): the next
            // statement reconnects; this one's transaction is gone with it.
            self.connection = nil
            isInsideTransaction = false
            try? connection.close().wait()
            throw error
        }
    }

    private func open() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        let id = Self.ids.withLock { id in
            id += 1
            return id
        }
        let opened = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: address.configuration, id: id,
            logger: logger
        ).wait()
        connection = opened
        return opened
    }

    /// `?` placeholders as PostgreSQL's `$1, $2, ...`, leaving quoted text alone.
    static func numberedPlaceholders(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?" && !quoted {
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

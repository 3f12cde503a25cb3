import Bus
import Foundation
import ServiceKit
import Wire

/// `StaffStore` on a service database, SQLite (one file, the default: WAL,
/// synchronous FULL) or PostgreSQL: the staff tables, the outbox and the
/// idempotency ledger, changed in one transaction per write. The queries are the
/// same on both (`StaffSQLReader`, `StaffSQLWriter`).
final class StaffSQLStore: StaffStore {
    /// The underlying store.
    let database: any TransactionStore
    let timeZone: TimeZone

    /// - Parameter timeZone: where budget months and pulse periods begin.
    init(database: any TransactionStore, timeZone: TimeZone = StaffSQLStore.defaultTimeZone) {
        self.database = database
        self.timeZone = timeZone
    }

    static let defaultTimeZone = TimeZone(identifier: "Europe/Amsterdam")!

    /// Opens (or creates) the SQLite database at `path`.
    /// - Parameters:
    ///   - timeZone: where budget months and pulse periods begin.
    ///   - clock: the time every change is stamped with.
    ///   - publish: receives committed events in sequence order.
    convenience init(
        path: String, timeZone: TimeZone = StaffSQLStore.defaultTimeZone,
        clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) throws {
        self.init(
            database: try SQLiteStore(
                path: path, service: "staff", migrations: StaffSchema.migrations, clock: clock, publish: publish),
            timeZone: timeZone)
    }

    /// Opens `database`: a PostgreSQL URL (`postgres://...`; the schema is brought
    /// up to date) or the path of an SQLite file (created when missing), as
    /// `ServiceOptions.database` gives it.
    static func open(
        _ database: String, timeZone: TimeZone = StaffSQLStore.defaultTimeZone,
        clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) async throws -> StaffSQLStore {
        StaffSQLStore(
            database: try await ServiceDatabase.open(
                database, service: "staff", sqlite: StaffSchema.migrations, postgres: StaffPostgresSchema.migrations,
                clock: clock,
                publish: publish),
            timeZone: timeZone)
    }

    var now: Date { database.now }

    func since(_ request: SinceRequest) async throws -> SinceReply { try await database.since(request) }

    func lastSequence() async throws -> UInt64 { try await database.lastSequence() }

    func read<T: Sendable>(_ body: @escaping @Sendable (any StaffReading) throws -> T) async throws -> T {
        try await database.read(StaffSQLReader.self) { try body($0) }
    }

    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any StaffWriting) throws -> Reply
    ) async throws -> Reply {
        try await database.write(StaffSQLWriter.self, method: method, idempotencyKey: idempotencyKey) {
            try body($0)
        }
    }
}

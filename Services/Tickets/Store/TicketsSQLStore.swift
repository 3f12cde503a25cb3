import Bus
import Foundation
import ServiceKit
import Wire

/// `TicketsStore` on a service database, SQLite (one file, the default) or
/// PostgreSQL (for several tickets processes on one database): the tickets
/// tables, the outbox and the idempotency ledger, changed in one transaction per
/// write. The queries are the same on both (`TicketsSQLReader`, `TicketsSQLWriter`).
final class TicketsSQLStore: TicketsStore, ServiceSQLStore {
    /// The underlying store (Health, Since and leases use it).
    let database: any TransactionStore

    init(database: any TransactionStore) {
        self.database = database
    }

    /// Opens or creates the SQLite database at `path`.
    /// - Parameters:
    ///   - clock: the store's time; tests pass a settable one.
    ///   - publish: receives committed events in sequence order.
    convenience init(
        path: String, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) throws {
        self.init(
            database: try SQLiteStore(
                path: path, service: "tickets", migrations: TicketsSchema.migrations, clock: clock, publish: publish))
    }

    /// Opens `database`: a PostgreSQL URL (`postgres://...`; the schema is brought
    /// up to date) or the path of an SQLite file (created when missing), as
    /// `ServiceOptions.database` gives it.
    static func open(
        _ database: String, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) async throws -> TicketsSQLStore {
        TicketsSQLStore(
            database: try await ServiceDatabase.open(
                database, service: "tickets", sqlite: TicketsSchema.migrations,
                postgres: { TicketsPostgresSchema.migrations }, clock: clock,
                publish: publish))
    }

    var now: Date { database.now }

    func read<T: Sendable>(_ body: @escaping @Sendable (any TicketsReading) throws -> T) async throws -> T {
        try await database.read(TicketsSQLReader.self) { try body($0) }
    }

    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any TicketsWriting) throws -> Reply
    ) async throws -> Reply {
        try await database.write(TicketsSQLWriter.self, method: method, idempotencyKey: idempotencyKey) {
            try body($0)
        }
    }
}

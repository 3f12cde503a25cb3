import Bus
import Foundation
import GRDB
import ServiceKit
import Wire

/// `TicketsStore` on ServiceKit's `SQLiteStore`: one SQLite file with the tickets
/// tables, the outbox and the idempotency ledger, changed in one transaction per write.
final class SQLiteTicketsStore: TicketsStore {
    /// The underlying store (Health and Since use it).
    let database: SQLiteStore

    /// Opens or creates the database at `path`.
    /// - Parameters:
    ///   - clock: the store's time; tests pass a settable one.
    ///   - publish: receives committed events in sequence order.
    init(
        path: String, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) throws {
        database = try SQLiteStore(
            path: path, service: "tickets", migrations: TicketsSchema.migrations, clock: clock, publish: publish)
    }

    var now: Date { database.now }

    func truncateJournal() async throws { try await database.truncateJournal() }

    func read<T: Sendable>(_ body: @escaping @Sendable (any TicketsReading) throws -> T) async throws -> T {
        try await database.read(SQLiteTicketsReader.self) { try body($0) }
    }

    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any TicketsWriting) throws -> Reply
    ) async throws -> Reply {
        try await database.write(SQLiteTicketsWriter.self, method: method, idempotencyKey: idempotencyKey) {
            try body($0)
        }
    }
}

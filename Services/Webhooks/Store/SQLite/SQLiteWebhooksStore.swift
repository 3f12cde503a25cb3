import Bus
import Foundation
import ServiceKit
import Wire

/// `WebhooksStore` on the service's SQLite database (`SQLiteStore`: outbox,
/// idempotency ledger, injectable clock), changed in one transaction per write.
final class SQLiteWebhooksStore: WebhooksStore {
    /// The underlying store (Health and Since use it).
    let store: SQLiteStore

    /// Opens (or creates) the database at `path`.
    init(
        path: String, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) throws {
        store = try SQLiteStore(
            path: path, service: "webhooks", migrations: WebhooksSchema.migrations, clock: clock, publish: publish)
    }

    var nowMs: Int64 { store.now.unixMilliseconds }

    func truncateJournal() async throws { try await store.truncateJournal() }

    func read<T: Sendable>(_ body: @escaping @Sendable (any WebhooksReading) throws -> T) async throws -> T {
        try await store.read(SQLiteWebhooksReader.self) { try body($0) }
    }

    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any WebhooksWriting) throws -> Reply
    ) async throws -> Reply {
        try await store.write(SQLiteWebhooksWriter.self, method: method, idempotencyKey: idempotencyKey) {
            try body($0)
        }
    }
}

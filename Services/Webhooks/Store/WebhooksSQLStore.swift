import Bus
import Foundation
import ServiceKit
import Wire

/// `WebhooksStore` on a service database, SQLite (one file, the default) or
/// PostgreSQL (for several webhooks processes on one database): the webhooks
/// tables, the outbox, the idempotency ledger and job leases, changed in one
/// transaction per write. The queries are the same on both (`WebhooksSQLReader`,
/// `WebhooksSQLWriter`).
final class WebhooksSQLStore: WebhooksStore, ServiceSQLStore {
    /// The underlying store (Health, Since and leases use it).
    let database: any TransactionStore
    /// Who this store holds job leases as: this process, unless a test plays two.
    let leaseHolder: String

    init(database: any TransactionStore, leaseHolder: String = ProcessIdentity.current) {
        self.database = database
        self.leaseHolder = leaseHolder
    }

    /// Opens (or creates) the SQLite database at `path`.
    /// - Parameters:
    ///   - clock: the store's time; tests pass a settable one.
    ///   - publish: receives committed events in sequence order.
    convenience init(
        path: String, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) throws {
        self.init(
            database: try SQLiteStore(
                path: path, service: "webhooks", migrations: WebhooksSchema.migrations, clock: clock, publish: publish))
    }

    /// Opens `database`: a PostgreSQL URL (`postgres://...`; the schema is brought
    /// up to date) or the path of an SQLite file (created when missing), as
    /// `ServiceOptions.database` gives it.
    /// - Parameter leaseHolder: who the store holds job leases as (tests play
    ///   several processes in one).
    static func open(
        _ database: String, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }, leaseHolder: String = ProcessIdentity.current
    ) async throws -> WebhooksSQLStore {
        WebhooksSQLStore(
            database: try await ServiceDatabase.open(
                database, service: "webhooks", sqlite: WebhooksSchema.migrations,
                postgres: { WebhooksPostgresSchema.migrations }, clock: clock,
                publish: publish),
            leaseHolder: leaseHolder)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any WebhooksReading) throws -> T) async throws -> T {
        try await database.read(WebhooksSQLReader.self) { try body($0) }
    }

    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any WebhooksWriting) throws -> Reply
    ) async throws -> Reply {
        try await database.write(WebhooksSQLWriter.self, method: method, idempotencyKey: idempotencyKey) {
            try body($0)
        }
    }
}

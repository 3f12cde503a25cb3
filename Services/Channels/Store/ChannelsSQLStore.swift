import Bus
import Foundation
import ServiceKit
import Wire

/// `ChannelsStore` on a service database, SQLite (one file, the default) or
/// PostgreSQL (for several channels processes on one database): the channels
/// tables, the outbox, the idempotency ledger and job leases, changed in one
/// transaction per write. The queries are the same on both (`ChannelsSQLReader`,
/// `ChannelsSQLWriter`).
final class ChannelsSQLStore: ChannelsStore, ServiceSQLStore {
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
                path: path, service: "channels", migrations: ChannelsSchema.migrations, clock: clock, publish: publish))
    }

    /// Opens `database`: a PostgreSQL URL (`postgres://...`; the schema is brought
    /// up to date) or the path of an SQLite file (created when missing), as
    /// `ServiceOptions.database` gives it.
    /// - Parameter leaseHolder: who the store holds job leases as (tests play
    ///   several processes in one).
    static func open(
        _ database: String, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }, leaseHolder: String = ProcessIdentity.current
    ) async throws -> ChannelsSQLStore {
        ChannelsSQLStore(
            database: try await ServiceDatabase.open(
                database, service: "channels", sqlite: ChannelsSchema.migrations,
                postgres: { ChannelsPostgresSchema.migrations }, clock: clock,
                publish: publish),
            leaseHolder: leaseHolder)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any ChannelsReading) throws -> T) async throws -> T {
        try await database.read(ChannelsSQLReader.self) { try body($0) }
    }

    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any ChannelsWriting) throws -> Reply
    ) async throws -> Reply {
        try await database.write(ChannelsSQLWriter.self, method: method, idempotencyKey: idempotencyKey) {
            try body($0)
        }
    }
}

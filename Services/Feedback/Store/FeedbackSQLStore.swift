import Bus
import Contract
import Domain
import Foundation
import ServiceKit
import Wire

/// `FeedbackStore` on a service database, SQLite (one file, the default) or
/// PostgreSQL (for several feedback processes on one database): the feedback
/// tables, the outbox and the idempotency ledger, changed in one transaction per
/// write. The queries are the same on both (`FeedbackSQLReader`, `FeedbackSQLWriter`,
/// the listings in `SQL/FeedbackSQLStore+*.swift`).
final class FeedbackSQLStore: FeedbackTransactions, FeedbackListings, ServiceSQLStore {
    /// The underlying store (Health, Since and leases use it).
    let database: any TransactionStore
    /// Who this store holds job leases as: this process, unless a test runs two
    /// stores as two processes.
    let leaseHolder: String

    init(database: any TransactionStore, leaseHolder: String = ProcessIdentity.current) {
        self.database = database
        self.leaseHolder = leaseHolder
    }

    /// Opens (or creates) the SQLite database at `path`.
    /// - Parameters:
    ///   - clock: the time every write and every status uses (tests move it).
    ///   - publish: receives committed events in sequence order.
    convenience init(
        path: String, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) throws {
        self.init(
            database: try SQLiteStore(
                path: path, service: Feedback.service, migrations: FeedbackSchema.migrations, clock: clock,
                publish: publish))
    }

    /// Opens `database`: a PostgreSQL URL (`postgres://...`; the schema is brought
    /// up to date) or the path of an SQLite file (created when missing), as
    /// `ServiceOptions.database` gives it.
    static func open(
        _ database: String, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }, leaseHolder: String = ProcessIdentity.current
    ) async throws -> FeedbackSQLStore {
        FeedbackSQLStore(
            database: try await ServiceDatabase.open(
                database, service: Feedback.service, sqlite: FeedbackSchema.migrations,
                postgres: FeedbackPostgresSchema.migrations, clock: clock,
                publish: publish),
            leaseHolder: leaseHolder)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any FeedbackReading) throws -> T) async throws -> T {
        try await database.read(FeedbackSQLReader.self) { try body($0) }
    }

    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any FeedbackWriting) throws -> Reply
    ) async throws -> Reply {
        try await database.write(FeedbackSQLWriter.self, method: method, idempotencyKey: idempotencyKey) {
            try body($0)
        }
    }
}

import Bus
import Foundation
import GRDB
import Wire

/// A service's SQLite database: its own tables plus the outbox of events and the
/// idempotency ledger, all changed in one transaction per write.
///
/// Writes are serialized and committed in groups (`GroupCommit`): the writes that
/// queue while one commit runs share the next transaction, each in its own
/// savepoint. A write returns only after its transaction committed with
/// `synchronous = FULL` (WAL), so a reply built from it is durable. The events it
/// recorded are handed to `publish` right after the commit, still inside the
/// serialized writer, so they leave in sequence order.
///
/// ```swift
/// let reply = try await store.write(idempotencyKey: key, method: "CreateTeam") { change in
///     try change.db.execute(sql: "INSERT INTO team ...", arguments: [...])
///     try change.record("team.created", subject: id, Staff.TeamCreated(...))
///     return Staff.CreateTeamReply(team: team)
/// }
/// ```
public final class SQLiteStore: TransactionStore, Sendable {
    public let service: String
    let pool: DatabasePool
    private let writer: GroupCommit
    private let clock: @Sendable () -> Date

    /// Opens (or creates) the database at `path` and brings its schema up to date.
    /// - Throws: `DataDirectoryError` when its directory cannot be created or written;
    ///   what GRDB throws for the database itself.
    /// - Parameters:
    ///   - migrations: the service's own schema, in order; names never change once shipped.
    ///   - publish: receives committed events in sequence order.
    public init(
        path: String, service: String, migrations: [Migration],
        clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) throws {
        self.service = service
        self.clock = clock
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Deleted and overwritten content is zeroed in the file, so an erased
            // customer's data does not linger in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        try DataDirectory.prepare(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        pool = try DatabasePool(path: path, configuration: configuration)
        // The pool switches its writer to WAL after `prepareDatabase` and sets
        // `synchronous = NORMAL` with it (no fsync at commit); the writer is the
        // connection whose commits acknowledge writes, so it gets FULL back.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let pool = pool
        writer = GroupCommit(
            service: service, run: { work in pool.asyncWriteWithoutTransaction { db in work(db) } }, publish: publish)
        var migrator = DatabaseMigrator()
        for migration in Outbox.migrations + IdempotencyLedger.migrations + migrations {
            migrator.registerMigration(migration.name, migrate: migration.apply)
        }
        try migrator.migrate(pool)
    }

    /// Runs `body` in a write transaction and commits it. With an idempotency key,
    /// a key seen before for `method` returns the first reply and changes nothing.
    /// Concurrent writes may share the transaction; each has its own savepoint, and
    /// is answered only after the commit.
    /// - Throws: whatever `body` throws (nothing of this write is committed then), or
    ///   the error of a commit that failed; `StoreError.storageFull` when the disk
    ///   has no room for the write.
    public func write<Reply: WireMessage>(
        idempotencyKey: String? = nil, method: String,
        _ body: @escaping @Sendable (inout Change) throws -> Reply
    ) async throws -> Reply {
        do {
            return try await writer.write(idempotencyKey: idempotencyKey, method: method, now: clock(), body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw StoreError.storageFull
        }
    }

    /// How writes have been committed since the store opened (writes per commit).
    public var writeStatistics: WriteStatistics { writer.statistics }

    /// Runs `body` on a read-only snapshot.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    public func readSession<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await pool.read { db in try body(db) }
    }

    /// An SQLite database has one process writing it, which holds every lease.
    public func holdLease(_ job: String, holder: String, seconds: Int) async throws -> Bool { true }

    /// Committed events after `request.after_sequence`, a page at a time.
    public func since(_ request: SinceRequest) async throws -> SinceReply {
        let limit = Int(min(max(request.limit ?? 0, 0), 5000))
        let service = service
        return try await read { db in
            try Outbox.page(in: db, service: service, after: request.after_sequence, limit: limit == 0 ? 500 : limit)
        }
    }

    /// The newest committed event's sequence (0 before the first).
    public func lastSequence() async throws -> UInt64 {
        try await read { db in try Outbox.lastSequence(in: db) }
    }

    /// Copies the write-ahead log into the database and empties it, so earlier
    /// versions of changed pages (data just erased) are gone from the files too.
    public func truncateJournal() async throws {
        try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// The current time as the store sees it (the clock tests set).
    public var now: Date { clock() }
}

/// One named step of a schema.
public struct Migration: Sendable {
    public let name: String
    let apply: @Sendable (Database) throws -> Void

    public init(_ name: String, _ apply: @escaping @Sendable (Database) throws -> Void) {
        self.name = name
        self.apply = apply
    }
}

import Bus
import Dispatch
import Foundation
import Logging
import PostgresNIO
import Synchronization
import Wire

/// A service's PostgreSQL database: its own tables plus the outbox of events, the
/// idempotency ledger and job leases, like `SQLiteStore` and with the same
/// promises, for a service that runs as several processes on one database.
///
/// Writes are group-committed (`GroupCommit`) on one connection per process. Every
/// write transaction first takes the database's write lock (a transaction-level
/// advisory lock), so the processes of a service write one transaction at a time:
/// events are numbered without gaps in commit order, a repeated idempotency key
/// sees the first write's reply, and a row read in a write is the newest. A write
/// returns only after its COMMIT (`synchronous_commit` on: flushed to the
/// server's write-ahead log). Reads run on a few more connections, each in a
/// read-only REPEATABLE READ transaction (one consistent snapshot).
///
/// Connections open on first use and again after they broke; a write whose
/// connection broke fails (UNAVAILABLE) and commits nothing, or, when the break
/// came during COMMIT, may have committed: retried with its idempotency key, it is
/// made once.
public final class PostgresStore: TransactionStore, Sendable {
    public let service: String
    private let writer: GroupCommit
    private let writing: Connection
    private let readers: [Connection]
    private let nextReader = Atomic<Int>(0)
    private let clock: @Sendable () -> Date
    private let address: PostgresAddress
    private let logger: Logger

    /// A session with the queue it is used on.
    private struct Connection: Sendable {
        let session: PostgresSession
        let queue: DispatchQueue

        /// Runs `work` on the session, off the concurrency pool (its statements block).
        func run<T: Sendable>(_ work: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
            try await withCheckedThrowingContinuation { continuation in
                queue.async { continuation.resume(with: Result { try work(session) }) }
            }
        }
    }

    /// Connects to the database at `url` and brings its schema up to date (the
    /// first process to start migrates; the others wait for it).
    /// - Throws: `PostgresAddressError` for a bad URL; the server's error when it
    ///   cannot be reached or a migration fails.
    /// - Parameters:
    ///   - migrations: the service's own schema for PostgreSQL, in order.
    ///   - readers: connections for reads.
    ///   - publish: receives committed events in sequence order.
    public init(
        url: String, service: String, migrations: [PostgresMigration], readers: Int = 2,
        clock: @escaping @Sendable () -> Date = Date.init, publish: @escaping @Sendable ([Event]) -> Void = { _ in },
        logger: Logger = Logger(label: "glimlach.postgres")
    ) async throws {
        let address = try PostgresAddress(url: url)
        func connection(_ role: String) -> Connection {
            Connection(
                session: PostgresSession(address: address, logger: logger),
                queue: DispatchQueue(label: "glimlach.\(service).postgres.\(role)"))
        }
        self.service = service
        self.clock = clock
        self.address = address
        self.logger = logger
        let writing = connection("writer")
        self.writing = writing
        self.readers = (0..<max(readers, 1)).map { connection("reader\($0)") }
        writer = GroupCommit(
            service: service, run: { work in writing.queue.async { work(writing.session) } }, publish: publish)
        try await writing.run { session in
            try PostgresMigrator.migrate(PostgresStore.ownMigrations + migrations, on: session)
        }
    }

    deinit {
        for connection in readers + [writing] {
            let session = connection.session
            connection.queue.async { session.close() }
        }
    }

    /// The tables every service has, beside its own.
    static let ownMigrations = [
        PostgresMigration(
            "outbox",
            """
            CREATE TABLE outbox (
                sequence BIGINT PRIMARY KEY, type TEXT NOT NULL, subject_id TEXT, occurred_at_ms BIGINT NOT NULL,
                trace_id TEXT, payload BYTEA NOT NULL)
            """),
        PostgresMigration(
            "idempotency",
            "CREATE TABLE idempotency (method TEXT NOT NULL, key TEXT NOT NULL, reply BYTEA NOT NULL, PRIMARY KEY (method, key))"
        ),
        PostgresMigration("job-lease", JobLease.schema),
    ]

    public var now: Date { clock() }

    public var writeStatistics: WriteStatistics { writer.statistics }

    public func write<Reply: WireMessage>(
        idempotencyKey: String? = nil, method: String, _ body: @escaping @Sendable (inout Change) throws -> Reply
    ) async throws -> Reply {
        do {
            return try await writer.write(idempotencyKey: idempotencyKey, method: method, now: clock(), body)
        } catch {
            throw PostgresFailure.translate(error)
        }
    }

    public func readSession<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue % readers.count
        do {
            return try await readers[index].run { session in
                try session.begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                do {
                    let result = try body(session)
                    try session.end("COMMIT")
                    return result
                } catch {
                    try? session.end("ROLLBACK")
                    throw error
                }
            }
        } catch {
            throw PostgresFailure.translate(error)
        }
    }

    public func since(_ request: SinceRequest) async throws -> SinceReply {
        let limit = Int(min(max(request.limit ?? 0, 0), 5000))
        let service = service
        return try await readSession { session in
            try Outbox.page(
                in: session, service: service, after: request.after_sequence, limit: limit == 0 ? 500 : limit)
        }
    }

    public func lastSequence() async throws -> UInt64 {
        try await readSession { session in try Outbox.lastSequence(in: session) }
    }

    public func holdLease(_ job: String, holder: String, seconds: Int) async throws -> Bool {
        let now = clock()
        return try await readers[0].run { session in
            try JobLease.hold(job, holder: holder, seconds: seconds, now: now, in: session)
        }
    }

    /// Vacuums the database on a connection of its own, so the dead row versions
    /// an erasure left are freed. PostgreSQL does not zero freed space, and its
    /// write-ahead log keeps the old versions until it is recycled: on this backend
    /// erased data leaves the live tables at once and the files over time.
    public func truncateJournal() async throws {
        let maintenance = Connection(
            session: PostgresSession(address: address, logger: logger),
            queue: DispatchQueue(label: "glimlach.\(service).postgres.vacuum"))
        try await maintenance.run { session in
            defer { session.close() }
            try session.execute("VACUUM", [])
        }
    }
}

/// One named step of a PostgreSQL schema: statements separated by `;`.
public struct PostgresMigration: Sendable {
    public let name: String
    let statements: [String]

    public init(_ name: String, _ sql: String) {
        self.name = name
        statements = sql.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }
}

import Bus
import Foundation
import Wire

/// The connection a service's store reads and writes through, on either backend:
/// its reader class (`TicketsSQLReader`, ...) subclasses this and runs its queries
/// on `session`, and its writer subclasses the reader and inherits the
/// transaction's time and `record`. `TransactionStore.read(_:_:)` and
/// `write(_:method:idempotencyKey:_:)` make them, so no store repeats that.
///
/// ```swift
/// class TicketsSQLReader: StoreAccess, TicketsReading { ... }
/// final class TicketsSQLWriter: TicketsSQLReader, TicketsWriting { ... }
///
/// func read<T: Sendable>(_ body: @escaping @Sendable (any TicketsReading) throws -> T) async throws -> T {
///     try await database.read(TicketsSQLReader.self) { try body($0) }
/// }
/// ```
open class StoreAccess {
    /// The connection; in a write, inside the open transaction.
    public let session: any SQLSession
    /// In a write, what the transaction records.
    var change: Change?

    /// A reader on `session`.
    public required init(session: any SQLSession) {
        self.session = session
    }

    /// A writer inside the transaction of `change`.
    public required init(change: Change) {
        self.session = change.session
        self.change = change
    }

    /// When the write happens (the store's clock as the transaction began).
    public var now: Date { writing.now }

    /// `now` in Unix milliseconds.
    public var nowMs: Int64 { writing.nowMs }

    /// Records event `type` about `subject` in this transaction's outbox.
    /// - Throws: a database error, or `WireError` when the payload does not encode.
    public func record(_ type: String, subject: String, _ payload: some WireMessage) throws {
        var change = writing
        try change.record(type, subject: subject, payload)
        self.change = change
    }

    private var writing: Change {
        guard let change else { preconditionFailure("a read has no write time and records no event") }
        return change
    }
}

/// A service's database, SQLite (`SQLiteStore`) or PostgreSQL (`PostgresStore`):
/// reads on a consistent snapshot, writes in group-committed transactions with
/// their events, and the event log.
public protocol TransactionStore: EventLog {
    var service: String { get }
    /// The current time as the store sees it (the clock tests set).
    var now: Date { get }
    /// How writes have been committed since the store opened.
    var writeStatistics: WriteStatistics { get }
    /// Runs `body` on a read-only snapshot.
    func readSession<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T
    /// Runs `body` in a write transaction and commits it; with an idempotency key
    /// seen before for `method`, returns the first reply and changes nothing.
    func write<Reply: WireMessage>(
        idempotencyKey: String?, method: String, _ body: @escaping @Sendable (inout Change) throws -> Reply
    ) async throws -> Reply
    /// Makes erased data unreadable in the files too (SQLite: empties the
    /// write-ahead log; PostgreSQL: vacuums the dead row versions).
    func truncateJournal() async throws
    /// Whether this process holds the lease on `job` (taking it when free or
    /// expired, renewing it when its own) for `seconds`.
    func holdLease(_ job: String, holder: String, seconds: Int) async throws -> Bool
}

extension TransactionStore {
    /// Runs `body` on a read-only snapshot through a `Reader` on it.
    /// - Throws: whatever `body` throws.
    public func read<Reader: StoreAccess, T: Sendable>(
        _ reader: Reader.Type, _ body: @escaping @Sendable (Reader) throws -> T
    ) async throws -> T {
        try await readSession { session in try body(Reader(session: session)) }
    }

    /// Runs `body` through a `Writer` in one write transaction (see
    /// `write(idempotencyKey:method:_:)`), with the events it records.
    /// - Throws: whatever `body` throws (nothing is committed then);
    ///   `StoreError.storageFull` when the disk has no room for the write.
    public func write<Writer: StoreAccess, Reply: WireMessage>(
        _ writer: Writer.Type, method: String, idempotencyKey: String?,
        _ body: @escaping @Sendable (Writer) throws -> Reply
    ) async throws -> Reply {
        try await write(idempotencyKey: idempotencyKey, method: method) { change in
            let writer = Writer(change: change)
            let reply = try body(writer)
            if let recorded = writer.change { change = recorded }
            return reply
        }
    }
}

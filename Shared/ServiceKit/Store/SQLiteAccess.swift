import Bus
import Foundation
import GRDB
import Wire

/// The connection a service's store reads and writes through: its reader class
/// (`SQLiteTicketsReader`, ...) subclasses this and runs its queries on `db`, and
/// its writer subclasses the reader and inherits the transaction's time and
/// `record`. `SQLiteStore.read(_:_:)` and `write(_:method:idempotencyKey:_:)` make
/// them, so no store repeats that.
///
/// ```swift
/// class SQLiteTicketsReader: SQLiteAccess, TicketsReading { ... }
/// final class SQLiteTicketsWriter: SQLiteTicketsReader, TicketsWriting { ... }
///
/// func read<T: Sendable>(_ body: @escaping @Sendable (any TicketsReading) throws -> T) async throws -> T {
///     try await database.read(SQLiteTicketsReader.self) { try body($0) }
/// }
/// ```
open class SQLiteAccess {
    /// The connection; in a write, inside the open transaction.
    public let db: Database
    /// In a write, what the transaction records.
    var change: Change?

    /// A reader on `db`.
    public required init(db: Database) {
        self.db = db
    }

    /// A writer inside the transaction of `change`.
    public required init(change: Change) {
        self.db = change.db
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

extension SQLiteStore {
    /// Runs `body` on a read-only snapshot through a `Reader` on it.
    /// - Throws: whatever `body` throws.
    public func read<Reader: SQLiteAccess, T: Sendable>(
        _ reader: Reader.Type, _ body: @escaping @Sendable (Reader) throws -> T
    ) async throws -> T {
        try await read { db in try body(Reader(db: db)) }
    }

    /// Runs `body` through a `Writer` in one write transaction (see
    /// `write(idempotencyKey:method:_:)`), with the events it records.
    /// - Throws: whatever `body` throws (nothing is committed then);
    ///   `StoreError.storageFull` when the disk has no room for the write.
    public func write<Writer: SQLiteAccess, Reply: WireMessage>(
        _ writer: Writer.Type, method: String, idempotencyKey: String?,
        _ body: @escaping @Sendable (Writer) throws -> Reply
    ) async throws -> Reply {
        do {
            return try await write(idempotencyKey: idempotencyKey, method: method) { change in
                let writer = Writer(change: change)
                let reply = try body(writer)
                if let recorded = writer.change { change = recorded }
                return reply
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw StoreError.storageFull
        }
    }
}

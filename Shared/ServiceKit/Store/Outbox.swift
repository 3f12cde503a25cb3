import Bus
import Foundation
import GRDB

/// The outbox table: every committed event with its sequence number, written in
/// the transaction of the change it describes and kept for `Since` replay.
enum Outbox {
    static let migrations = [
        Migration("outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE outbox (
                        sequence INTEGER PRIMARY KEY,
                        type TEXT NOT NULL,
                        subject_id TEXT,
                        occurred_at_ms INTEGER NOT NULL,
                        trace_id TEXT,
                        payload BLOB NOT NULL)
                    """)
        }
    ]

    /// Stores `event` as the next sequence (last + 1) and returns it numbered.
    static func append(_ event: Event, in db: Database) throws -> Event {
        var numbered = event
        numbered.sequence = try lastSequence(in: db) + 1
        try db.execute(
            sql:
                "INSERT INTO outbox (sequence, type, subject_id, occurred_at_ms, trace_id, payload) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                Int64(numbered.sequence), numbered.type, numbered.subject_id, numbered.occurred_at_ms,
                numbered.trace_id,
                Data(numbered.payload),
            ])
        return numbered
    }

    static func lastSequence(in db: Database) throws -> UInt64 {
        UInt64(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence), 0) FROM outbox") ?? 0)
    }

    static func page(in db: Database, service: String, after sequence: UInt64, limit: Int) throws -> SinceReply {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT sequence, type, subject_id, occurred_at_ms, trace_id, payload FROM outbox
                WHERE sequence > ? ORDER BY sequence LIMIT ?
                """,
            arguments: [Int64(clamping: sequence), limit])
        let events = rows.map { row in
            Event(
                service: service, sequence: UInt64(row["sequence"] as Int64), type: row["type"],
                occurred_at_ms: row["occurred_at_ms"], subject_id: row["subject_id"], trace_id: row["trace_id"],
                payload: [UInt8](row["payload"] as Data))
        }
        return SinceReply(events: events, last_sequence: try lastSequence(in: db))
    }
}

extension SQLiteAccess {
    /// Rewrites the stored payload of every event of `type` about `subject` (an
    /// erasure blanks what identified a person in events already recorded); `Since`
    /// replays them rewritten from then on.
    /// - Throws: a database error, or what `transform` throws.
    public func rewriteEvents(type: String, subject: String, _ transform: ([UInt8]) throws -> [UInt8]) throws {
        let rows = try Row.fetchAll(
            db, sql: "SELECT sequence, payload FROM outbox WHERE type = ? AND subject_id = ?",
            arguments: [type, subject])
        for row in rows {
            let payload = try transform([UInt8](row["payload"] as Data))
            try db.execute(
                sql: "UPDATE outbox SET payload = ? WHERE sequence = ?",
                arguments: [Data(payload), row["sequence"] as Int64])
        }
    }
}

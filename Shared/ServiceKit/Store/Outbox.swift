import Bus
import Foundation
import GRDB

/// The outbox table: every committed event with its sequence number, written in
/// the transaction of the change it describes and kept for `Since` replay.
///
/// Sequence numbers are the last + 1 inside the write transaction. On SQLite the
/// one writer makes that safe; on PostgreSQL every write transaction of a service
/// first takes the service's advisory lock (`PostgresStore`), so several processes
/// number events without gaps and in commit order.
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

    /// Stores `event` as the next sequence (last + 1) and returns it numbered, in
    /// one statement (one round trip to PostgreSQL).
    static func append(_ event: Event, in session: any SQLSession) throws -> Event {
        var numbered = event
        let sequence = try session.value(
            Int64.self,
            """
            INSERT INTO outbox (sequence, type, subject_id, occurred_at_ms, trace_id, payload)
            SELECT COALESCE(MAX(sequence), 0) + 1, ?, ?, ?, ?, ? FROM outbox RETURNING sequence
            """,
            [
                .text(event.type), event.subject_id.sqlValue, .integer(event.occurred_at_ms), event.trace_id.sqlValue,
                .blob(event.payload),
            ])
        guard let sequence else { preconditionFailure("INSERT ... RETURNING gives the new row") }
        numbered.sequence = UInt64(sequence)
        return numbered
    }

    static func lastSequence(in session: any SQLSession) throws -> UInt64 {
        UInt64(try session.value(Int64.self, "SELECT COALESCE(MAX(sequence), 0) FROM outbox") ?? 0)
    }

    static func page(in session: any SQLSession, service: String, after sequence: UInt64, limit: Int) throws
        -> SinceReply
    {
        let rows = try session.rows(
            """
            SELECT sequence, type, subject_id, occurred_at_ms, trace_id, payload FROM outbox
            WHERE sequence > ? ORDER BY sequence LIMIT ?
            """, Int64(clamping: sequence), limit)
        let events = rows.map { row in
            Event(
                service: service, sequence: UInt64(row["sequence"] as Int64), type: row["type"],
                occurred_at_ms: row["occurred_at_ms"], subject_id: row["subject_id"], trace_id: row["trace_id"],
                payload: row["payload"])
        }
        return SinceReply(events: events, last_sequence: try lastSequence(in: session))
    }
}

extension StoreAccess {
    /// Rewrites the stored payload of every event of `type` about `subject` (an
    /// erasure blanks what identified a person in events already recorded); `Since`
    /// replays them rewritten from then on.
    /// - Throws: a database error, or what `transform` throws.
    public func rewriteEvents(type: String, subject: String, _ transform: ([UInt8]) throws -> [UInt8]) throws {
        let rows = try session.rows(
            "SELECT sequence, payload FROM outbox WHERE type = ? AND subject_id = ?", type, subject)
        for row in rows {
            let payload = try transform(row["payload"])
            try session.execute("UPDATE outbox SET payload = ? WHERE sequence = ?", payload, row["sequence"] as Int64)
        }
    }
}

import Bus
import Foundation
import GRDB
import Wire

/// What one write transaction does: its SQL on `session`, and the events it
/// records into the outbox (published after the commit).
public struct Change {
    /// The open transaction.
    public let session: any SQLSession
    /// When the write happened; every event of it carries this time.
    public let now: Date
    let service: String
    let traceID: String?
    private(set) var events: [Event] = []

    init(session: any SQLSession, service: String, now: Date, traceID: String?) {
        self.session = session
        self.service = service
        self.now = now
        self.traceID = traceID
    }

    /// The open transaction of an `SQLiteStore` (stores written against GRDB).
    public var db: Database {
        guard let db = session as? Database else { preconditionFailure("a PostgreSQL change has no GRDB database") }
        return db
    }

    /// `now` in Unix milliseconds.
    public var nowMs: Int64 { Int64((now.timeIntervalSince1970 * 1000).rounded()) }

    /// Records event `type` about `subject` with `payload` in the outbox, as the
    /// service's next sequence number.
    /// - Throws: a database error, or `WireError` when the payload does not encode.
    public mutating func record(_ type: String, subject: String, _ payload: some WireMessage) throws {
        let event = Event(
            service: service, sequence: 0, type: type, occurred_at_ms: nowMs, subject_id: subject, trace_id: traceID,
            payload: try payload.wireBytes())
        events.append(try Outbox.append(event, in: session))
    }
}

import Contract
import Foundation
import Domain
import GRDB
import ServiceKit

/// The tickets database. A ticket's contract view is kept whole in `data` (its
/// encoded `Tickets.Ticket`); the columns beside it are what listings filter on
/// and the first-response clock, rewritten from the record on every save. Gestures
/// likewise: whole in `data`, with the columns ListGestures filters on beside it.
enum TicketsSchema {
    static let migrations = [
        Migration("tickets-v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE customer (
                        customer_id TEXT PRIMARY KEY,
                        channel INTEGER NOT NULL,
                        handle TEXT NOT NULL,
                        UNIQUE (channel, handle));
                    CREATE TABLE ticket (
                        ticket_id TEXT PRIMARY KEY,
                        data BLOB NOT NULL,
                        status INTEGER NOT NULL,
                        channel INTEGER NOT NULL,
                        country TEXT NOT NULL,
                        assignee_id TEXT,
                        team_id TEXT,
                        customer_id TEXT NOT NULL,
                        order_reference TEXT,
                        product_category TEXT,
                        special_care INTEGER NOT NULL,
                        search_text TEXT NOT NULL,
                        created_at_ms INTEGER NOT NULL,
                        follow_up_response_id TEXT UNIQUE,
                        created_by_id TEXT,
                        inbound_after_reply INTEGER NOT NULL,
                        received_at_ms INTEGER NOT NULL,
                        target_ms INTEGER NOT NULL,
                        answered_live INTEGER NOT NULL,
                        at_risk_share REAL NOT NULL,
                        escalate_on_breach INTEGER NOT NULL,
                        first_response_at_ms INTEGER,
                        first_response_ms INTEGER,
                        sla_flag INTEGER NOT NULL);
                    CREATE INDEX ticket_by_created ON ticket (created_at_ms DESC);
                    CREATE INDEX ticket_by_order ON ticket (order_reference);
                    CREATE INDEX ticket_by_clock ON ticket (sla_flag, first_response_at_ms);
                    CREATE TABLE message (
                        position INTEGER PRIMARY KEY AUTOINCREMENT,
                        message_id TEXT NOT NULL UNIQUE,
                        ticket_id TEXT NOT NULL REFERENCES ticket (ticket_id),
                        kind INTEGER NOT NULL,
                        author_id TEXT,
                        body TEXT NOT NULL,
                        sent_at_ms INTEGER NOT NULL,
                        created_at_ms INTEGER NOT NULL);
                    CREATE INDEX message_by_ticket ON message (ticket_id, position);
                    CREATE TABLE note (
                        position INTEGER PRIMARY KEY AUTOINCREMENT,
                        note_id TEXT NOT NULL UNIQUE,
                        ticket_id TEXT NOT NULL REFERENCES ticket (ticket_id),
                        author_id TEXT,
                        text TEXT NOT NULL,
                        created_at_ms INTEGER NOT NULL);
                    CREATE INDEX note_by_ticket ON note (ticket_id, position);
                    CREATE TABLE gesture (
                        gesture_id TEXT PRIMARY KEY,
                        ticket_id TEXT NOT NULL REFERENCES ticket (ticket_id),
                        created_at_ms INTEGER NOT NULL,
                        data BLOB NOT NULL);
                    CREATE INDEX gesture_by_ticket ON gesture (ticket_id, created_at_ms);
                    CREATE TABLE handle_time (
                        position INTEGER PRIMARY KEY AUTOINCREMENT,
                        ticket_id TEXT NOT NULL REFERENCES ticket (ticket_id),
                        employee_id TEXT,
                        duration_ms INTEGER NOT NULL,
                        started_at_ms INTEGER);
                    CREATE TABLE channel_calendar (
                        channel INTEGER NOT NULL,
                        country TEXT NOT NULL,
                        data BLOB NOT NULL,
                        PRIMARY KEY (channel, country));
                    CREATE TABLE response_target (
                        channel INTEGER PRIMARY KEY,
                        data BLOB NOT NULL);
                    """)
        },
        // Gestures by outcome, team and employee, so a lead can list the ones waiting
        // for approval; the gestures already stored get theirs from their data.
        Migration("tickets-v2-gesture-columns") { db in
            try db.execute(
                sql: """
                    ALTER TABLE gesture ADD COLUMN outcome INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE gesture ADD COLUMN employee_id TEXT;
                    ALTER TABLE gesture ADD COLUMN team_id TEXT;
                    CREATE INDEX gesture_by_outcome ON gesture (outcome, team_id, created_at_ms);
                    """)
            for row in try Row.fetchAll(db, sql: "SELECT gesture_id, data FROM gesture") {
                let gesture = try Tickets.Gesture(wireBytes: [UInt8](row["data"] as Data))
                try db.execute(
                    sql: "UPDATE gesture SET outcome = ?, employee_id = ?, team_id = ? WHERE gesture_id = ?",
                    arguments: [
                        gesture.outcome?.rawValue ?? 0, gesture.employee_id, gesture.team_id,
                        row["gesture_id"] as String,
                    ])
            }
        },
        // A customer has many handles (an address, a number, a Messenger id...); each
        // handle is one customer's, matched by its kind and normalized form. The one
        // handle per customer kept so far becomes the first of each.
        Migration("tickets-v3-customer-handles") { db in
            try db.execute(
                sql: """
                    CREATE TABLE customer_handle (
                        kind INTEGER NOT NULL, handle TEXT NOT NULL, customer_id TEXT NOT NULL,
                        added_at_ms INTEGER NOT NULL, added_by_id TEXT, PRIMARY KEY (kind, handle));
                    CREATE INDEX customer_handle_by_customer ON customer_handle (customer_id, added_at_ms);
                    CREATE INDEX ticket_by_customer ON ticket (customer_id, created_at_ms DESC);
                    """)
            for row in try Row.fetchAll(db, sql: "SELECT customer_id, channel, handle FROM customer") {
                guard let channel = try? Channel(wireValue: Int32(row["channel"] as Int64)),
                    let key = HandleKey(channel: channel, handle: row["handle"])
                else { continue }
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO customer_handle (kind, handle, customer_id, added_at_ms)
                        VALUES (?, ?, ?, 0)
                        """,
                    arguments: [key.kind.wireValue, key.value, row["customer_id"] as String])
            }
            try db.execute(sql: "DROP TABLE customer")
        },
        // Customers erased on request (the right to erasure): when, and why.
        Migration("tickets-v4-erased-customers") { db in
            try db.execute(
                sql: """
                    CREATE TABLE erased_customer (
                        customer_id TEXT PRIMARY KEY, erased_at_ms INTEGER NOT NULL, reason TEXT NOT NULL)
                    """)
        },
    ]
}

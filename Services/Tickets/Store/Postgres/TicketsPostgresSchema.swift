import ServiceKit

/// The tickets database on PostgreSQL: the tables of `TicketsSchema` as they stand
/// after its last step, in PostgreSQL's types (booleans kept as 0/1 integers, as on
/// SQLite, so the queries are the same). `rowid` orders rows inserted in the same
/// millisecond, as SQLite's implicit one does.
enum TicketsPostgresSchema {
    static let migrations = [
        PostgresMigration(
            "tickets-v1",
            """
            CREATE TABLE ticket (
                ticket_id TEXT PRIMARY KEY,
                rowid BIGINT GENERATED ALWAYS AS IDENTITY,
                data BYTEA NOT NULL,
                status BIGINT NOT NULL,
                channel BIGINT NOT NULL,
                country TEXT NOT NULL,
                assignee_id TEXT,
                team_id TEXT,
                customer_id TEXT NOT NULL,
                order_reference TEXT,
                product_category TEXT,
                special_care BIGINT NOT NULL,
                search_text TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL,
                follow_up_response_id TEXT UNIQUE,
                created_by_id TEXT,
                inbound_after_reply BIGINT NOT NULL,
                received_at_ms BIGINT NOT NULL,
                target_ms BIGINT NOT NULL,
                answered_live BIGINT NOT NULL,
                at_risk_share DOUBLE PRECISION NOT NULL,
                escalate_on_breach BIGINT NOT NULL,
                first_response_at_ms BIGINT,
                first_response_ms BIGINT,
                sla_flag BIGINT NOT NULL);
            CREATE INDEX ticket_by_created ON ticket (created_at_ms DESC, rowid DESC);
            CREATE INDEX ticket_by_order ON ticket (order_reference);
            CREATE INDEX ticket_by_clock ON ticket (sla_flag, first_response_at_ms);
            CREATE INDEX ticket_by_customer ON ticket (customer_id, created_at_ms DESC);
            CREATE TABLE message (
                position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                message_id TEXT NOT NULL UNIQUE,
                ticket_id TEXT NOT NULL REFERENCES ticket (ticket_id),
                kind BIGINT NOT NULL,
                author_id TEXT,
                body TEXT NOT NULL,
                sent_at_ms BIGINT NOT NULL,
                created_at_ms BIGINT NOT NULL);
            CREATE INDEX message_by_ticket ON message (ticket_id, position);
            CREATE TABLE note (
                position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                note_id TEXT NOT NULL UNIQUE,
                ticket_id TEXT NOT NULL REFERENCES ticket (ticket_id),
                author_id TEXT,
                text TEXT NOT NULL,
                created_at_ms BIGINT NOT NULL);
            CREATE INDEX note_by_ticket ON note (ticket_id, position);
            CREATE TABLE gesture (
                gesture_id TEXT PRIMARY KEY,
                rowid BIGINT GENERATED ALWAYS AS IDENTITY,
                ticket_id TEXT NOT NULL REFERENCES ticket (ticket_id),
                created_at_ms BIGINT NOT NULL,
                data BYTEA NOT NULL,
                outcome BIGINT NOT NULL DEFAULT 0,
                employee_id TEXT,
                team_id TEXT);
            CREATE INDEX gesture_by_ticket ON gesture (ticket_id, created_at_ms);
            CREATE INDEX gesture_by_outcome ON gesture (outcome, team_id, created_at_ms);
            CREATE TABLE handle_time (
                position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                ticket_id TEXT NOT NULL REFERENCES ticket (ticket_id),
                employee_id TEXT,
                duration_ms BIGINT NOT NULL,
                started_at_ms BIGINT);
            CREATE TABLE channel_calendar (
                channel BIGINT NOT NULL,
                country TEXT NOT NULL,
                data BYTEA NOT NULL,
                PRIMARY KEY (channel, country));
            CREATE TABLE response_target (
                channel BIGINT PRIMARY KEY,
                data BYTEA NOT NULL);
            CREATE TABLE customer_handle (
                kind BIGINT NOT NULL, handle TEXT NOT NULL, customer_id TEXT NOT NULL,
                added_at_ms BIGINT NOT NULL, added_by_id TEXT, PRIMARY KEY (kind, handle));
            CREATE INDEX customer_handle_by_customer ON customer_handle (customer_id, added_at_ms);
            CREATE TABLE erased_customer (
                customer_id TEXT PRIMARY KEY, erased_at_ms BIGINT NOT NULL, reason TEXT NOT NULL)
            """)
    ]
}

import ServiceKit

/// The channels database on PostgreSQL: the tables of `ChannelsSchema` as they
/// stand after its last step, in PostgreSQL's types (booleans kept as 0/1 integers,
/// as on SQLite, so the queries are the same). `rowid` orders attachments and
/// conversations as SQLite's implicit one does; delivery ids sort byte by byte
/// (`COLLATE "C"`), as on SQLite, whatever the database's locale.
enum ChannelsPostgresSchema {
    static let migrations = [
        PostgresMigration(
            "channels-1",
            """
            CREATE TABLE consumed (service TEXT PRIMARY KEY, sequence BIGINT NOT NULL);
            CREATE TABLE inbound (
                channel BIGINT NOT NULL, external_id TEXT NOT NULL, ticket_id TEXT NOT NULL,
                message_id TEXT NOT NULL, received_at_ms BIGINT NOT NULL,
                PRIMARY KEY (channel, external_id));
            CREATE TABLE conversation (
                channel BIGINT NOT NULL, conversation_key TEXT NOT NULL,
                rowid BIGINT GENERATED ALWAYS AS IDENTITY, ticket_id TEXT NOT NULL,
                updated_at_ms BIGINT NOT NULL, PRIMARY KEY (channel, conversation_key));
            CREATE TABLE mail_reference (
                position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, header_id TEXT NOT NULL UNIQUE,
                ticket_id TEXT NOT NULL, outbound BIGINT NOT NULL);
            CREATE INDEX mail_reference_by_ticket ON mail_reference (ticket_id, position);
            CREATE TABLE delivery (
                delivery_id TEXT COLLATE "C" PRIMARY KEY, ticket_id TEXT, state BIGINT NOT NULL,
                due_at_ms BIGINT NOT NULL, queued_at_ms BIGINT NOT NULL, external_id TEXT,
                body BYTEA NOT NULL);
            CREATE INDEX delivery_by_external_id ON delivery (external_id);
            CREATE INDEX delivery_due ON delivery (state, due_at_ms);
            CREATE INDEX delivery_by_ticket ON delivery (ticket_id, queued_at_ms);
            CREATE TABLE setting (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
            CREATE TABLE attachment (
                attachment_id TEXT PRIMARY KEY, rowid BIGINT GENERATED ALWAYS AS IDENTITY,
                ticket_id TEXT NOT NULL, body BYTEA NOT NULL, data BYTEA NOT NULL);
            CREATE INDEX attachment_by_ticket ON attachment (ticket_id, rowid);
            CREATE TABLE mailbox_cursor (
                mailbox TEXT PRIMARY KEY, uid_validity BIGINT NOT NULL, last_uid BIGINT NOT NULL)
            """)
    ]
}

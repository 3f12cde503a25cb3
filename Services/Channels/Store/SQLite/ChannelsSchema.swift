import GRDB
import ServiceKit

/// The channels tables. A delivery keeps its contract message, wire-encoded, in
/// `body`, next to the columns the worker and listings filter and sort on.
enum ChannelsSchema {
    static let migrations = [
        Migration("channels-1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE consumed (service TEXT PRIMARY KEY, sequence INTEGER NOT NULL);
                    CREATE TABLE inbound (
                        channel INTEGER NOT NULL, external_id TEXT NOT NULL, ticket_id TEXT NOT NULL,
                        message_id TEXT NOT NULL, received_at_ms INTEGER NOT NULL,
                        PRIMARY KEY (channel, external_id));
                    CREATE TABLE conversation (
                        channel INTEGER NOT NULL, conversation_key TEXT NOT NULL, ticket_id TEXT NOT NULL,
                        updated_at_ms INTEGER NOT NULL, PRIMARY KEY (channel, conversation_key));
                    CREATE TABLE mail_reference (
                        position INTEGER PRIMARY KEY AUTOINCREMENT, header_id TEXT NOT NULL UNIQUE,
                        ticket_id TEXT NOT NULL, outbound INTEGER NOT NULL);
                    CREATE INDEX mail_reference_by_ticket ON mail_reference (ticket_id, position);
                    CREATE TABLE delivery (
                        delivery_id TEXT PRIMARY KEY, ticket_id TEXT, state INTEGER NOT NULL,
                        due_at_ms INTEGER NOT NULL, queued_at_ms INTEGER NOT NULL, external_id TEXT,
                        body BLOB NOT NULL);
                    CREATE INDEX delivery_by_external_id ON delivery (external_id);
                    CREATE INDEX delivery_due ON delivery (state, due_at_ms);
                    CREATE INDEX delivery_by_ticket ON delivery (ticket_id, queued_at_ms);
                    CREATE TABLE setting (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
                    CREATE TABLE attachment (
                        attachment_id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, body BLOB NOT NULL,
                        data BLOB NOT NULL);
                    CREATE INDEX attachment_by_ticket ON attachment (ticket_id, attachment_id);
                    CREATE TABLE mailbox_cursor (
                        mailbox TEXT PRIMARY KEY, uid_validity INTEGER NOT NULL, last_uid INTEGER NOT NULL);
                    """)
        }
    ]
}

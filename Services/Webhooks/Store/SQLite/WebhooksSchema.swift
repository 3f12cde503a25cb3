import GRDB
import ServiceKit

/// The webhooks tables. Subscriptions, deliveries and attempts keep their contract
/// message, wire-encoded, in `message`, next to the columns queries filter and
/// sort on; a delivery's JSON body is kept as sent.
enum WebhooksSchema {
    static let migrations = [
        Migration("webhooks-1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE consumed (service TEXT PRIMARY KEY, sequence INTEGER NOT NULL);
                    CREATE TABLE subscription (
                        subscription_id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, enabled INTEGER NOT NULL,
                        created_at_ms INTEGER NOT NULL, secret TEXT NOT NULL, message BLOB NOT NULL);
                    CREATE INDEX subscription_by_owner ON subscription (owner_id, created_at_ms);
                    CREATE TABLE delivery (
                        delivery_id TEXT PRIMARY KEY, subscription_id TEXT NOT NULL, state INTEGER NOT NULL,
                        next_attempt_at_ms INTEGER NOT NULL, created_at_ms INTEGER NOT NULL,
                        window_start_ms INTEGER NOT NULL, body TEXT NOT NULL, message BLOB NOT NULL);
                    CREATE INDEX delivery_due ON delivery (state, next_attempt_at_ms);
                    CREATE INDEX delivery_by_subscription ON delivery (subscription_id, created_at_ms);
                    CREATE TABLE attempt (
                        delivery_id TEXT NOT NULL, number INTEGER NOT NULL, message BLOB NOT NULL,
                        PRIMARY KEY (delivery_id, number));
                    """)
        }
    ]
}

import ServiceKit

/// The webhooks database on PostgreSQL: the tables of `WebhooksSchema` as they
/// stand after its last step, in PostgreSQL's types (booleans kept as 0/1 integers,
/// as on SQLite, so the queries are the same). `rowid` orders a subscription's
/// deliveries as SQLite's implicit one does; subscription and delivery ids sort
/// byte by byte (`COLLATE "C"`), as on SQLite, whatever the database's locale.
enum WebhooksPostgresSchema {
    static let migrations = [
        PostgresMigration(
            "webhooks-1",
            """
            CREATE TABLE consumed (service TEXT PRIMARY KEY, sequence BIGINT NOT NULL);
            CREATE TABLE subscription (
                subscription_id TEXT COLLATE "C" PRIMARY KEY, owner_id TEXT NOT NULL, enabled BIGINT NOT NULL,
                created_at_ms BIGINT NOT NULL, secret TEXT NOT NULL, message BYTEA NOT NULL);
            CREATE INDEX subscription_by_owner ON subscription (owner_id, created_at_ms);
            CREATE TABLE delivery (
                delivery_id TEXT COLLATE "C" PRIMARY KEY, rowid BIGINT GENERATED ALWAYS AS IDENTITY,
                subscription_id TEXT NOT NULL, state BIGINT NOT NULL, next_attempt_at_ms BIGINT NOT NULL,
                created_at_ms BIGINT NOT NULL, window_start_ms BIGINT NOT NULL, body TEXT NOT NULL,
                message BYTEA NOT NULL);
            CREATE INDEX delivery_due ON delivery (state, next_attempt_at_ms);
            CREATE INDEX delivery_by_subscription ON delivery (subscription_id, created_at_ms);
            CREATE TABLE attempt (
                delivery_id TEXT NOT NULL, number BIGINT NOT NULL, message BYTEA NOT NULL,
                PRIMARY KEY (delivery_id, number))
            """)
    ]
}

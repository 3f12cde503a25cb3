import Contract
import Foundation
import GRDB
import ServiceKit

/// The changes of `WebhooksWriting` inside one `SQLiteStore` write transaction.
final class SQLiteWebhooksWriter: SQLiteWebhooksReader, WebhooksWriting {
    func insert(_ subscription: Webhooks.Subscription, secret: SigningSecret) throws {
        var kept = subscription
        kept.secret = nil
        try db.execute(
            sql: """
                INSERT INTO subscription (subscription_id, owner_id, enabled, created_at_ms, secret, message)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                kept.subscription_id, kept.owner_id, kept.enabled ?? true, kept.created_at_ms ?? nowMs, secret.text,
                try kept.blob(),
            ])
    }

    func save(_ subscription: Webhooks.Subscription) throws {
        var kept = subscription
        kept.secret = nil
        try db.execute(
            sql: "UPDATE subscription SET enabled = ?, message = ? WHERE subscription_id = ?",
            arguments: [kept.enabled ?? true, try kept.blob(), kept.subscription_id])
    }

    func setSecret(_ secret: SigningSecret, subscriptionID: String) throws {
        try db.execute(
            sql: "UPDATE subscription SET secret = ? WHERE subscription_id = ?",
            arguments: [secret.text, subscriptionID])
    }

    func deleteSubscription(id: String) throws {
        try db.execute(
            sql: """
                DELETE FROM attempt WHERE delivery_id IN (SELECT delivery_id FROM delivery WHERE subscription_id = ?);
                DELETE FROM delivery WHERE subscription_id = ?;
                DELETE FROM subscription WHERE subscription_id = ?;
                """,
            arguments: [id, id, id])
    }

    func insert(_ stored: StoredDelivery) throws -> Bool {
        let delivery = stored.delivery
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO delivery (delivery_id, subscription_id, state, next_attempt_at_ms,
                    created_at_ms, window_start_ms, body, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                delivery.delivery_id, delivery.subscription_id, delivery.state?.rawValue,
                delivery.next_attempt_at_ms ?? nowMs, delivery.created_at_ms ?? nowMs, stored.windowStartMs,
                stored.body, try Self.kept(delivery).blob(),
            ])
        return db.changesCount > 0
    }

    func save(_ stored: StoredDelivery) throws {
        let delivery = stored.delivery
        try db.execute(
            sql: """
                UPDATE delivery SET state = ?, next_attempt_at_ms = ?, window_start_ms = ?, message = ?
                WHERE delivery_id = ?
                """,
            arguments: [
                delivery.state?.rawValue, delivery.next_attempt_at_ms ?? 0, stored.windowStartMs,
                try Self.kept(delivery).blob(), delivery.delivery_id,
            ])
    }

    func append(_ attempt: Webhooks.Attempt, deliveryID: String) throws {
        try db.execute(
            sql: """
                INSERT INTO attempt (delivery_id, number, message)
                VALUES (?, (SELECT COUNT(*) + 1 FROM attempt WHERE delivery_id = ?), ?)
                """,
            arguments: [deliveryID, deliveryID, try attempt.blob()])
    }

    func setPosition(_ sequence: UInt64, service: String) throws {
        try db.execute(
            sql: """
                INSERT INTO consumed (service, sequence) VALUES (?, ?)
                ON CONFLICT (service) DO UPDATE SET sequence = excluded.sequence
                """,
            arguments: [service, Int64(sequence)])
    }

    /// A delivery as kept in its row: the attempts live in their own table.
    private static func kept(_ delivery: Webhooks.Delivery) -> Webhooks.Delivery {
        var kept = delivery
        kept.attempts = []
        return kept
    }

    func eraseDeliveries(mentioning ids: [String]) throws -> Int {
        var erased = 0
        for id in ids where !id.isEmpty {
            try db.execute(
                sql: """
                    UPDATE delivery SET body = json_set(body, '$.data', json('{"erased": true}'))
                    WHERE instr(body, ?) > 0 AND json_extract(body, '$.data.erased') IS NOT 1
                    """,
                arguments: [id])
            erased += db.changesCount
        }
        return erased
    }
}

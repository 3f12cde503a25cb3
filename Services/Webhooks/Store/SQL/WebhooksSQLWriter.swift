import Contract
import Foundation
import ServiceKit

/// The changes of `WebhooksWriting` inside one write transaction of the store,
/// SQLite or PostgreSQL.
final class WebhooksSQLWriter: WebhooksSQLReader, WebhooksWriting {
    func insert(_ subscription: Webhooks.Subscription, secret: SigningSecret) throws {
        var kept = subscription
        kept.secret = nil
        try session.execute(
            """
            INSERT INTO subscription (subscription_id, owner_id, enabled, created_at_ms, secret, message)
            VALUES (?, ?, ?, ?, ?, ?)
            """, kept.subscription_id, kept.owner_id, kept.enabled ?? true, kept.created_at_ms ?? nowMs, secret.text,
            try kept.wireBytes())
    }

    func save(_ subscription: Webhooks.Subscription) throws {
        var kept = subscription
        kept.secret = nil
        try session.execute(
            "UPDATE subscription SET enabled = ?, message = ? WHERE subscription_id = ?", kept.enabled ?? true,
            try kept.wireBytes(), kept.subscription_id)
    }

    func setSecret(_ secret: SigningSecret, subscriptionID: String) throws {
        try session.execute("UPDATE subscription SET secret = ? WHERE subscription_id = ?", secret.text, subscriptionID)
    }

    func deleteSubscription(id: String) throws {
        try session.execute(
            "DELETE FROM attempt WHERE delivery_id IN (SELECT delivery_id FROM delivery WHERE subscription_id = ?)", id)
        try session.execute("DELETE FROM delivery WHERE subscription_id = ?", id)
        try session.execute("DELETE FROM subscription WHERE subscription_id = ?", id)
    }

    func insert(_ stored: StoredDelivery) throws -> Bool {
        let delivery = stored.delivery
        // RETURNING gives a row only when the insert happened (both backends).
        return try !session.rows(
            """
            INSERT INTO delivery (delivery_id, subscription_id, state, next_attempt_at_ms, created_at_ms,
                window_start_ms, body, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING RETURNING delivery_id
            """, delivery.delivery_id, delivery.subscription_id, delivery.state?.rawValue,
            delivery.next_attempt_at_ms ?? nowMs, delivery.created_at_ms ?? nowMs, stored.windowStartMs, stored.body,
            try Self.kept(delivery).wireBytes()
        ).isEmpty
    }

    func save(_ stored: StoredDelivery) throws {
        let delivery = stored.delivery
        try session.execute(
            """
            UPDATE delivery SET state = ?, next_attempt_at_ms = ?, window_start_ms = ?, message = ?
            WHERE delivery_id = ?
            """, delivery.state?.rawValue, delivery.next_attempt_at_ms ?? 0, stored.windowStartMs,
            try Self.kept(delivery).wireBytes(), delivery.delivery_id)
    }

    func append(_ attempt: Webhooks.Attempt, deliveryID: String) throws {
        try session.execute(
            """
            INSERT INTO attempt (delivery_id, number, message)
            VALUES (?, (SELECT COUNT(*) + 1 FROM attempt WHERE delivery_id = ?), ?)
            """, deliveryID, deliveryID, try attempt.wireBytes())
    }

    func setPosition(_ sequence: UInt64, service: String) throws {
        try session.upsert("consumed", key: ["service"], [("service", service), ("sequence", Int64(sequence))])
    }

    /// A delivery as kept in its row: the attempts live in their own table.
    private static func kept(_ delivery: Webhooks.Delivery) -> Webhooks.Delivery {
        var kept = delivery
        kept.attempts = []
        return kept
    }

    func eraseDeliveries(mentioning ids: [String]) throws -> Int {
        let mentions = session.dialect == .postgres ? "strpos(body, ?) > 0" : "instr(body, ?) > 0"
        var erased = 0
        for id in ids where !id.isEmpty {
            for row in try session.rows("SELECT delivery_id, body FROM delivery WHERE \(mentions)", id) {
                guard let body = WebhookPayload.erased(row["body"]) else { continue }
                try session.execute(
                    "UPDATE delivery SET body = ? WHERE delivery_id = ?", body, row["delivery_id"] as String)
                erased += 1
            }
        }
        return erased
    }
}

import Contract
import Foundation
import ServiceKit

/// The queries of `WebhooksReading` on one connection, SQLite or PostgreSQL.
class WebhooksSQLReader: StoreAccess, WebhooksReading {
    func subscription(id: String) throws -> StoredSubscription? {
        try session.rows("SELECT secret, message FROM subscription WHERE subscription_id = ?", id).first.map {
            StoredSubscription(
                subscription: try Webhooks.Subscription(row: $0, "message"),
                secret: SigningSecret($0["secret"] as String) ?? SigningSecret(key: []))
        }
    }

    func subscriptions(ownerID: String?, offset: Int, limit: Int) throws -> [Webhooks.Subscription] {
        let filter = ownerID == nil ? "" : "WHERE owner_id = ?"
        let arguments = ownerID.map { [SQLValue.text($0)] } ?? []
        return try decoded(
            Webhooks.Subscription.self,
            "SELECT message FROM subscription \(filter) ORDER BY created_at_ms, subscription_id LIMIT ? OFFSET ?",
            arguments + [limit.sqlValue, offset.sqlValue], column: "message")
    }

    func enabledSubscriptions() throws -> [Webhooks.Subscription] {
        try decoded(
            Webhooks.Subscription.self,
            "SELECT message FROM subscription WHERE enabled = 1 ORDER BY created_at_ms, subscription_id", [],
            column: "message")
    }

    func delivery(id: String) throws -> StoredDelivery? {
        try session.rows("SELECT \(Self.deliveryColumns) FROM delivery WHERE delivery_id = ?", id).first.map(stored)
    }

    func deliveries(subscriptionID: String, states: [Webhooks.DeliveryState], offset: Int, limit: Int) throws
        -> [Webhooks.Delivery]
    {
        var filter = "subscription_id = ?"
        var arguments: [SQLValue] = [.text(subscriptionID)]
        if !states.isEmpty {
            filter += " AND state IN (\(states.map { _ in "?" }.joined(separator: ",")))"
            arguments += states.map(\.rawValue.sqlValue)
        }
        return try session.rows(
            """
            SELECT \(Self.deliveryColumns) FROM delivery WHERE \(filter)
            ORDER BY created_at_ms DESC, rowid DESC LIMIT ? OFFSET ?
            """, arguments + [limit.sqlValue, offset.sqlValue]
        ).map { row in
            var delivery = try stored(row).delivery
            delivery.attempts = try attempts(deliveryID: delivery.delivery_id ?? "")
            return delivery
        }
    }

    func dueDeliveries(nowMs: Int64, limit: Int) throws -> [StoredDelivery] {
        try session.rows(
            """
            SELECT delivery.message, delivery.body, delivery.window_start_ms
            FROM delivery JOIN subscription USING (subscription_id)
            WHERE delivery.state = ? AND delivery.next_attempt_at_ms <= ? AND subscription.enabled = 1
            ORDER BY delivery.next_attempt_at_ms, delivery.delivery_id LIMIT ?
            """, Webhooks.DeliveryState.pending.rawValue, nowMs, limit
        ).map(stored)
    }

    func attempts(deliveryID: String) throws -> [Webhooks.Attempt] {
        try decoded(
            Webhooks.Attempt.self, "SELECT message FROM attempt WHERE delivery_id = ? ORDER BY number",
            [.text(deliveryID)], column: "message")
    }

    func positions() throws -> [String: UInt64] {
        var positions: [String: UInt64] = [:]
        for row in try session.rows("SELECT service, sequence FROM consumed", []) {
            positions[row["service"]] = UInt64(row["sequence"] as Int64)
        }
        return positions
    }

    /// What `stored(_:)` reads of a delivery row.
    private static let deliveryColumns = "message, body, window_start_ms"

    private func stored(_ row: SQLRow) throws -> StoredDelivery {
        StoredDelivery(
            delivery: try Webhooks.Delivery(row: row, "message"), body: row["body"],
            windowStartMs: row["window_start_ms"])
    }
}

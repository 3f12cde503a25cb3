import Contract
import Foundation
import GRDB
import ServiceKit

/// The queries of `WebhooksReading` on one SQLite connection.
class SQLiteWebhooksReader: SQLiteAccess, WebhooksReading {
    func subscription(id: String) throws -> StoredSubscription? {
        try Row.fetchOne(
            db, sql: "SELECT secret, message FROM subscription WHERE subscription_id = ?", arguments: [id]
        ).map {
            StoredSubscription(
                subscription: try Webhooks.Subscription(row: $0, "message"),
                secret: SigningSecret($0["secret"] as String) ?? SigningSecret(key: []))
        }
    }

    func subscriptions(ownerID: String?, offset: Int, limit: Int) throws -> [Webhooks.Subscription] {
        let filter = ownerID == nil ? "" : "WHERE owner_id = ?"
        let arguments: [(any DatabaseValueConvertible)?] = ownerID.map { [$0] } ?? []
        return try Row.fetchAll(
            db,
            sql: "SELECT message FROM subscription \(filter) ORDER BY created_at_ms, subscription_id LIMIT ? OFFSET ?",
            arguments: StatementArguments(arguments + [limit, offset])
        ).map { try Webhooks.Subscription(row: $0, "message") }
    }

    func enabledSubscriptions() throws -> [Webhooks.Subscription] {
        try Row.fetchAll(db, sql: "SELECT message FROM subscription WHERE enabled = 1 ORDER BY created_at_ms")
            .map { try Webhooks.Subscription(row: $0, "message") }
    }

    func delivery(id: String) throws -> StoredDelivery? {
        try Row.fetchOne(db, sql: "SELECT * FROM delivery WHERE delivery_id = ?", arguments: [id]).map(stored)
    }

    func deliveries(subscriptionID: String, states: [Webhooks.DeliveryState], offset: Int, limit: Int) throws
        -> [Webhooks.Delivery]
    {
        var filter = "subscription_id = ?"
        var arguments: [(any DatabaseValueConvertible)?] = [subscriptionID]
        if !states.isEmpty {
            filter += " AND state IN (\(states.map { _ in "?" }.joined(separator: ",")))"
            arguments += states.map(\.rawValue)
        }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM delivery WHERE \(filter)
                ORDER BY created_at_ms DESC, rowid DESC LIMIT ? OFFSET ?
                """,
            arguments: StatementArguments(arguments + [limit, offset])
        ).map { row in
            var delivery = try stored(row).delivery
            delivery.attempts = try attempts(deliveryID: delivery.delivery_id ?? "")
            return delivery
        }
    }

    func dueDeliveries(nowMs: Int64, limit: Int) throws -> [StoredDelivery] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT delivery.* FROM delivery JOIN subscription USING (subscription_id)
                WHERE delivery.state = ? AND delivery.next_attempt_at_ms <= ? AND subscription.enabled = 1
                ORDER BY delivery.next_attempt_at_ms LIMIT ?
                """,
            arguments: [Webhooks.DeliveryState.pending.rawValue, nowMs, limit]
        ).map(stored)
    }

    func attempts(deliveryID: String) throws -> [Webhooks.Attempt] {
        try Row.fetchAll(
            db, sql: "SELECT message FROM attempt WHERE delivery_id = ? ORDER BY number", arguments: [deliveryID]
        ).map { try Webhooks.Attempt(row: $0, "message") }
    }

    func positions() throws -> [String: UInt64] {
        var positions: [String: UInt64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT service, sequence FROM consumed") {
            positions[row["service"]] = UInt64(row["sequence"] as Int64)
        }
        return positions
    }

    private func stored(_ row: Row) throws -> StoredDelivery {
        StoredDelivery(
            delivery: try Webhooks.Delivery(row: row, "message"), body: row["body"],
            windowStartMs: row["window_start_ms"])
    }
}

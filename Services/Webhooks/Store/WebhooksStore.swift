import Bus
import Contract
import ServiceKit
import Wire

/// Where webhooks keeps subscriptions, deliveries and their attempts, and its
/// position in each followed service's events: reads and writes, no rules. Every
/// change records its events in the same transaction. Implementations throw
/// `StoreError`, never `RPCError`, and name no SQL type; `WebhooksSQLStore` keeps
/// them in SQLite or PostgreSQL.
protocol WebhooksStore: JobLeases {
    /// The store's clock in Unix milliseconds (tests move it).
    var nowMs: Int64 { get }
    /// Makes erased data unreadable in the database's files too (after an erasure).
    func truncateJournal() async throws
    /// Runs `body` on a consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any WebhooksReading) throws -> T) async throws -> T
    /// Runs `body` in one transaction with the events it records; with an
    /// idempotency key seen before for `method`, returns the first reply instead.
    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any WebhooksWriting) throws -> Reply
    ) async throws -> Reply
}

/// Queries, inside a read or a write.
protocol WebhooksReading {
    /// A subscription (without its secret in the message) and its secret.
    func subscription(id: String) throws -> StoredSubscription?
    /// Oldest first; every owner's when `ownerID` is nil.
    func subscriptions(ownerID: String?, offset: Int, limit: Int) throws -> [Webhooks.Subscription]
    /// The enabled subscriptions.
    func enabledSubscriptions() throws -> [Webhooks.Subscription]
    func delivery(id: String) throws -> StoredDelivery?
    /// A subscription's deliveries, newest first, with their attempts.
    func deliveries(subscriptionID: String, states: [Webhooks.DeliveryState], offset: Int, limit: Int) throws
        -> [Webhooks.Delivery]
    /// PENDING deliveries of enabled subscriptions due at or before `nowMs`, earliest first.
    func dueDeliveries(nowMs: Int64, limit: Int) throws -> [StoredDelivery]
    /// A delivery's attempts, oldest first.
    func attempts(deliveryID: String) throws -> [Webhooks.Attempt]
    /// The last applied event sequence per followed service.
    func positions() throws -> [String: UInt64]
}

/// Changes, inside a write.
protocol WebhooksWriting: WebhooksReading {
    /// When the write happens, in Unix milliseconds.
    var nowMs: Int64 { get }
    func insert(_ subscription: Webhooks.Subscription, secret: SigningSecret) throws
    func save(_ subscription: Webhooks.Subscription) throws
    func setSecret(_ secret: SigningSecret, subscriptionID: String) throws
    /// Removes the subscription with its deliveries and their attempts.
    func deleteSubscription(id: String) throws
    /// False when a delivery with its id exists (it is left as it is).
    func insert(_ delivery: StoredDelivery) throws -> Bool
    func save(_ delivery: StoredDelivery) throws
    func append(_ attempt: Webhooks.Attempt, deliveryID: String) throws
    func setPosition(_ sequence: UInt64, service: String) throws
    /// Replaces the `data` of every delivery body that mentions one of `ids` (an
    /// erased customer's, their tickets') with `{"erased": true}`; returns how many.
    func eraseDeliveries(mentioning ids: [String]) throws -> Int
    /// Records event `type` about `subject` in this transaction's outbox.
    func record(_ type: String, subject: String, _ payload: some WireMessage) throws
}

/// A subscription as stored: the message (no secret) and the secret it signs with.
struct StoredSubscription: Sendable {
    var subscription: Webhooks.Subscription
    var secret: SigningSecret
}

/// A delivery as stored: the message (no attempts), the body every attempt sends,
/// and when its day of tries began (its creation, or its last replay).
struct StoredDelivery: Sendable {
    var delivery: Webhooks.Delivery
    var body: String
    var windowStartMs: Int64
}

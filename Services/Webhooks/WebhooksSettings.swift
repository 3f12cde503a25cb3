import ServiceKit

/// The webhooks service's own rules, fixed at start (flags in `WebhooksOptions`).
struct WebhooksSettings: Sendable, Equatable {
    /// 5 s, doubling up to an hour, ±20 %: about 30 attempts in the day a delivery
    /// is tried (close to the Standard Webhooks schedule). The count is not the
    /// limit; `giveUpAfterMs` is.
    var retry = DeliveryRetry(firstPauseMs: 5_000, maxPauseMs: 3_600_000, maxAttempts: .max, jitter: 0.2)
    /// A delivery failing this long is FAILED; an endpoint with no success this
    /// long since its first failure is disabled.
    var giveUpAfterMs: Int64 = 86_400_000
    /// The longest an attempt waits for the endpoint's answer.
    var attemptTimeoutMs: Int64 = 15_000
    /// How often the delivery worker looks for due deliveries.
    var pollIntervalMs: Int64 = 250
    /// Deliveries sent at once.
    var sendConcurrency = 8
    /// How long the delivery worker's job lease lasts unrenewed when several
    /// webhooks processes share a database (`JobLeaseKeeper`): longer than one
    /// attempt can take (`WebhooksOptions` makes it the attempt timeout plus 30 s
    /// when that is longer).
    var jobLeaseSeconds = 90
}

import Bus
import Contract
import Logging
import ServiceKit
import ServiceLifecycle

/// POSTs every due delivery to its subscription's endpoint, several at once, until
/// shutdown: the outbox's way out. Runs as a `Service` beside the worker.
///
/// A delivery is POSTed and then its attempt recorded in webhooks' database; a
/// crash in between POSTs it again after a restart (at least once), under the same
/// webhook-id, so a receiver that remembers ids sees one event.
///
/// When several webhooks processes share one database, only the holder of the
/// `webhook-deliveries` lease POSTs (`JobLeaseKeeper`): it renews the lease on
/// every pass and before every attempt, so no two processes POST at once.
final class DeliveryWorker: Service, Sendable {
    private let handlers: WebhooksHandlers<WebhooksSQLStore>
    private let poster: EndpointPoster
    private let logger: Logger
    let lease: JobLeaseKeeper

    init(handlers: WebhooksHandlers<WebhooksSQLStore>, poster: EndpointPoster, logger: Logger) {
        self.handlers = handlers
        self.poster = poster
        self.logger = logger
        lease = JobLeaseKeeper(
            job: Self.job, seconds: handlers.settings.jobLeaseSeconds, store: handlers.store, logger: logger)
    }

    /// The job lease the worker POSTs under.
    static let job = "webhook-deliveries"

    func run() async throws {
        try await OutboxPasses.run(pause: .milliseconds(handlers.settings.pollIntervalMs)) { await self.deliverDue() }
    }

    /// One pass over the due deliveries, `sendConcurrency` at once, when this
    /// process holds the deliveries lease. Returns how many were attempted.
    @discardableResult
    func deliverDue() async -> Int {
        guard await lease.hold() else { return 0 }
        let store = handlers.store
        let due: [StoredDelivery]
        do {
            due = try await store.read { [store] in try $0.dueDeliveries(nowMs: store.nowMs, limit: 200) }
        } catch {
            logger.error("cannot read due deliveries", metadata: ["error": "\(error)"])
            return 0
        }
        return await OutboxPasses.attempt(due, width: handlers.settings.sendConcurrency) { await self.attempt($0) }
    }

    /// POSTs one delivery, signed with its subscription's current secret, and
    /// records how it went, unless the lease moved to another process during the
    /// pass (that process POSTs it).
    func attempt(_ stored: StoredDelivery) async {
        guard await lease.hold() else { return }
        let id = stored.delivery.delivery_id ?? ""
        do {
            guard
                let subscription = try await handlers.store.read({
                    try $0.subscription(id: stored.delivery.subscription_id ?? "")
                }), let url = subscription.subscription.url
            else { return }
            let store = handlers.store
            let nowMs = store.nowMs
            let headers = WebhookSignature.headers(
                id: id, timestampSeconds: nowMs / 1000, body: stored.body, secret: subscription.secret)
            let result = await poster.post(
                url: url, headers: headers, body: stored.body, timeoutMs: handlers.settings.attemptTimeoutMs,
                clock: { store.nowMs })
            try await handlers.recordAttempt(stored, result)
            if result.verdict != .delivered {
                logger.warning(
                    "webhook not delivered", metadata: ["delivery_id": "\(id)", "error": "\(result.failure)"])
            }
        } catch {
            logger.error("cannot record a webhook attempt", metadata: ["delivery_id": "\(id)", "error": "\(error)"])
        }
    }
}

import Bus
import Contract
import ServiceKit

extension WebhooksHandlers {
    /// ListDeliveries: a subscription's delivery log, newest first, each with its
    /// attempts (status codes, timings, errors) and next attempt.
    func listDeliveries(_ request: Webhooks.ListDeliveriesRequest, _ context: CallContext) async throws
        -> Webhooks.ListDeliveriesReply
    {
        let id = try Fields.id(request.subscription_id, "subscription_id")
        let states = request.states.filter { $0 != .unspecified }
        let page = try Page(size: request.page_size, token: request.page_token)
        _ = try await existing(id)
        let rows = try await store.read {
            try $0.deliveries(subscriptionID: id, states: states, offset: page.offset, limit: page.limit)
        }
        let (deliveries, next) = page.cut(rows)
        return Webhooks.ListDeliveriesReply(deliveries: deliveries, next_page_token: next)
    }

    /// ReplayDelivery: PENDING again, due now, with a new day of tries, whatever
    /// its state; same webhook-id and body. A disabled subscription's delivery is
    /// refused (FAILED_PRECONDITION): enable the subscription first.
    func replayDelivery(_ request: Webhooks.ReplayDeliveryRequest, _ context: CallContext) async throws
        -> Webhooks.ReplayDeliveryReply
    {
        let id = try Fields.id(request.delivery_id, "delivery_id")
        return try await store.write(method: "ReplayDelivery", idempotencyKey: context.idempotencyKey) { tx in
            guard var stored = try tx.delivery(id: id) else {
                throw RPCError(.notFound, "delivery_id: no delivery '\(id)'")
            }
            let subscriptionID = stored.delivery.subscription_id ?? ""
            guard try tx.subscription(id: subscriptionID)?.subscription.enabled == true else {
                throw Refusal.precondition(
                    "delivery_id: subscription '\(subscriptionID)' is disabled; enable it before replaying")
            }
            stored.delivery.state = .pending
            stored.delivery.next_attempt_at_ms = tx.nowMs
            stored.delivery.succeeded_at_ms = nil
            stored.windowStartMs = tx.nowMs
            try tx.save(stored)
            stored.delivery.attempts = try tx.attempts(deliveryID: id)
            return Webhooks.ReplayDeliveryReply(delivery: stored.delivery)
        }
    }

    /// Records one attempt of a PENDING delivery in its log, and what it means:
    /// SUCCEEDED on 2xx; on a failure the next attempt after back-off, or FAILED
    /// once the delivery has been tried for a day; 410 Gone fails it at once. The
    /// subscription's failure clock starts at its first failure after a success;
    /// `EndpointHealth` says when the subscription is disabled, which is recorded
    /// as `subscription.disabled`.
    func recordAttempt(_ attempted: StoredDelivery, _ result: AttemptResult) async throws {
        let id = attempted.delivery.delivery_id ?? ""
        let settings = settings
        _ = try await store.write(method: "RecordAttempt", idempotencyKey: nil) { tx in
            guard var stored = try tx.delivery(id: id), stored.delivery.state == .pending,
                var subscription = try tx.subscription(id: stored.delivery.subscription_id ?? "")?.subscription
            else { return Webhooks.DeleteSubscriptionReply() }
            try tx.append(
                Webhooks.Attempt(
                    attempted_at_ms: result.attemptedAtMs, status_code: result.statusCode.map(Int32.init),
                    duration_ms: result.durationMs, error: result.error),
                deliveryID: id)
            var delivery = stored.delivery
            delivery.attempt_count = (delivery.attempt_count ?? 0) + 1
            delivery.last_status_code = result.statusCode.map(Int32.init)
            let now = tx.nowMs
            switch result.verdict {
            case .delivered:
                delivery.state = .succeeded
                delivery.succeeded_at_ms = now
                delivery.next_attempt_at_ms = nil
                delivery.last_error = nil
                subscription.failing_since_ms = nil
            case .gone, .failed:
                delivery.last_error = result.failure
                let failingSince = subscription.failing_since_ms ?? result.attemptedAtMs
                subscription.failing_since_ms = failingSince
                if result.verdict == .gone || now - stored.windowStartMs >= settings.giveUpAfterMs {
                    delivery.state = .failed
                    delivery.next_attempt_at_ms = nil
                } else {
                    delivery.next_attempt_at_ms =
                        now + settings.retry.pauseMs(afterAttempts: Int(delivery.attempt_count ?? 1))
                }
                if let reason = EndpointHealth.disableReason(
                    after: result, failingSinceMs: failingSince, nowMs: now, giveUpAfterMs: settings.giveUpAfterMs)
                {
                    try Self.disable(&subscription, reason: reason, in: tx)
                }
            }
            stored.delivery = delivery
            try tx.save(stored)
            try tx.save(subscription)
            return Webhooks.DeleteSubscriptionReply()
        }
    }

    /// `subscription` disabled with `reason`, recorded as `subscription.disabled`
    /// for its owner; the caller saves it.
    static func disable(_ subscription: inout Webhooks.Subscription, reason: String, in tx: any WebhooksWriting) throws
    {
        subscription.enabled = false
        subscription.disabled_reason = reason
        subscription.disabled_at_ms = tx.nowMs
        subscription.updated_at_ms = tx.nowMs
        let id = subscription.subscription_id ?? ""
        try tx.record(
            "subscription.disabled", subject: id,
            Webhooks.SubscriptionDisabled(
                subscription_id: id, owner_id: subscription.owner_id, url: subscription.url, reason: reason,
                disabled_at_ms: tx.nowMs))
    }
}

import Bus
import Contract
import Foundation
import ServiceKit

extension WebhooksHandlers {
    /// CreateSubscription: checks the URL, the event types and the owner (an
    /// employee of staff), and answers with the new signing secret, shown this once.
    func createSubscription(_ request: Webhooks.CreateSubscriptionRequest, _ context: CallContext) async throws
        -> Webhooks.CreateSubscriptionReply
    {
        let url = try Checks.url(request.url)
        let types = try Checks.eventTypes(request.event_types)
        let description = try Fields.optionalText(request.description, "description", maxLength: 500)
        let owner = try Fields.id(request.owner_id, "owner_id")
        try await staff.checkEmployee(owner, field: "owner_id")
        let secret = SigningSecret.generate()
        let id = Self.newSubscriptionID()
        return try await store.write(method: "CreateSubscription", idempotencyKey: context.idempotencyKey) { tx in
            var subscription = Webhooks.Subscription(
                subscription_id: id, url: url, event_types: types, description: description, owner_id: owner,
                enabled: true, created_at_ms: tx.nowMs, updated_at_ms: tx.nowMs)
            try tx.insert(subscription, secret: secret)
            try tx.record(
                "subscription.created", subject: id,
                Webhooks.SubscriptionCreated(subscription_id: id, owner_id: owner, event_types: types))
            subscription.secret = secret.text
            return Webhooks.CreateSubscriptionReply(subscription: subscription)
        }
    }

    /// ListSubscriptions: every subscription or an owner's, oldest first, with
    /// whether each is enabled and, if not, why.
    func listSubscriptions(_ request: Webhooks.ListSubscriptionsRequest, _ context: CallContext) async throws
        -> Webhooks.ListSubscriptionsReply
    {
        let owner = try Fields.optionalID(request.owner_id, "owner_id")
        let page = try Page(size: request.page_size, token: request.page_token)
        let rows = try await store.read {
            try $0.subscriptions(ownerID: owner, offset: page.offset, limit: page.limit)
        }
        let (subscriptions, next) = page.cut(rows)
        return Webhooks.ListSubscriptionsReply(subscriptions: subscriptions, next_page_token: next)
    }

    func getSubscription(_ request: Webhooks.GetSubscriptionRequest, _ context: CallContext) async throws
        -> Webhooks.GetSubscriptionReply
    {
        let id = try Fields.id(request.subscription_id, "subscription_id")
        return Webhooks.GetSubscriptionReply(subscription: try await existing(id).subscription)
    }

    /// UpdateSubscription: changes what is set; enabling a disabled subscription
    /// clears its reason and failure clock, disabling one records who did it.
    func updateSubscription(_ request: Webhooks.UpdateSubscriptionRequest, _ context: CallContext) async throws
        -> Webhooks.UpdateSubscriptionReply
    {
        let id = try Fields.id(request.subscription_id, "subscription_id")
        let url = try request.url.map { value throws(RPCError) in try Checks.url(value) }
        let types = try request.event_types_list.map { value throws(RPCError) in try Checks.eventTypesList(value) }
        let description = try request.description.map { value throws(RPCError) in
            try Fields.optionalText(value, "description", maxLength: 500)
        }
        _ = try await existing(id)
        let actor = context.actor
        return try await store.write(method: "UpdateSubscription", idempotencyKey: context.idempotencyKey) { tx in
            guard var subscription = try tx.subscription(id: id)?.subscription else {
                throw RPCError(.notFound, "subscription_id: no subscription '\(id)'")
            }
            if let url { subscription.url = url }
            if let types { subscription.event_types = types }
            if let description { subscription.description = description }
            if let enabled = request.enabled, enabled != (subscription.enabled ?? true) {
                subscription.enabled = enabled
                subscription.failing_since_ms = nil
                subscription.disabled_at_ms = enabled ? nil : tx.nowMs
                subscription.disabled_reason = enabled ? nil : "disabled by \(actor ?? "an operator")"
            }
            subscription.updated_at_ms = tx.nowMs
            try tx.save(subscription)
            return Webhooks.UpdateSubscriptionReply(subscription: subscription)
        }
    }

    /// DeleteSubscription: the subscription and its delivery log are removed.
    func deleteSubscription(_ request: Webhooks.DeleteSubscriptionRequest, _ context: CallContext) async throws
        -> Webhooks.DeleteSubscriptionReply
    {
        let id = try Fields.id(request.subscription_id, "subscription_id")
        _ = try await existing(id)
        return try await store.write(method: "DeleteSubscription", idempotencyKey: context.idempotencyKey) { tx in
            try tx.deleteSubscription(id: id)
            return Webhooks.DeleteSubscriptionReply()
        }
    }

    /// RotateSecret: a new secret signs every attempt from now on.
    func rotateSecret(_ request: Webhooks.RotateSecretRequest, _ context: CallContext) async throws
        -> Webhooks.RotateSecretReply
    {
        let id = try Fields.id(request.subscription_id, "subscription_id")
        _ = try await existing(id)
        let secret = SigningSecret.generate()
        return try await store.write(method: "RotateSecret", idempotencyKey: context.idempotencyKey) { tx in
            guard var subscription = try tx.subscription(id: id)?.subscription else {
                throw RPCError(.notFound, "subscription_id: no subscription '\(id)'")
            }
            try tx.setSecret(secret, subscriptionID: id)
            subscription.updated_at_ms = tx.nowMs
            try tx.save(subscription)
            subscription.secret = secret.text
            return Webhooks.RotateSecretReply(subscription: subscription)
        }
    }

    /// The stored subscription `id`.
    /// - Throws: NOT_FOUND naming `subscription_id`.
    func existing(_ id: String) async throws -> StoredSubscription {
        guard let stored = try await store.read({ try $0.subscription(id: id) }) else {
            throw RPCError(.notFound, "subscription_id: no subscription '\(id)'")
        }
        return stored
    }

    /// "whs-" and 16 random hex digits.
    static func newSubscriptionID() -> String {
        "whs-" + String(format: "%016llx", UInt64.random(in: .min ... .max))
    }
}

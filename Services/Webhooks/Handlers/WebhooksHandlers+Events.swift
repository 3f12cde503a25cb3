import Bus
import Contract
import Crypto
import Foundation
import Logging
import ServiceKit

extension WebhooksHandlers {
    /// The last applied sequence per followed service, for `EventFeed`.
    func positions() async throws -> [String: UInt64] {
        try await store.read { try $0.positions() }
    }

    /// Applies one event of tickets or feedback in one transaction with its new
    /// position: one PENDING delivery, due now, for each enabled subscription to
    /// one of its public types that existed when it happened. An event at or before
    /// the stored position changes nothing, and a delivery's id is made from the
    /// subscription, the event and the type, so nothing is derived twice.
    ///
    /// Events no subscription can want store their position only every
    /// `positionEvery` events (a restart replays those few, which change nothing).
    /// The write's reply is not used; an empty message stands for it.
    func apply(_ event: Event) async throws {
        let derived = Self.publicBodies(of: event)
        let erased = Self.erasedIDs(event)
        guard !derived.isEmpty || !erased.isEmpty || event.sequence % Self.positionEvery == 0 else { return }
        _ = try await store.write(method: "ApplyEvent", idempotencyKey: nil) { tx in
            let position = try tx.positions()[event.service] ?? 0
            guard event.sequence > position else { return Webhooks.DeleteSubscriptionReply() }
            try tx.setPosition(event.sequence, service: event.service)
            if !erased.isEmpty { _ = try tx.eraseDeliveries(mentioning: erased) }
            guard !derived.isEmpty else { return Webhooks.DeleteSubscriptionReply() }
            for subscription in try tx.enabledSubscriptions()
            where (subscription.created_at_ms ?? 0) <= event.occurred_at_ms {
                for (type, body) in derived where subscription.event_types.contains(type.rawValue) {
                    let id = Self.deliveryID(subscription: subscription.subscription_id ?? "", event: event, type: type)
                    _ = try tx.insert(
                        StoredDelivery(
                            delivery: Webhooks.Delivery(
                                delivery_id: id, subscription_id: subscription.subscription_id,
                                event_type: type.rawValue, event_id: "\(event.service):\(event.sequence)",
                                state: .pending, attempt_count: 0, created_at_ms: tx.nowMs,
                                next_attempt_at_ms: tx.nowMs),
                            body: body, windowStartMs: tx.nowMs))
                }
            }
            return Webhooks.DeleteSubscriptionReply()
        }
        if !erased.isEmpty { try await store.truncateJournal() }
    }

    /// The customer and tickets of tickets' `customer.erased`: the deliveries that
    /// mention them lose their data (docs/privacy.md).
    static func erasedIDs(_ event: Event) -> [String] {
        guard event.service == Tickets.service, event.type == "customer.erased",
            let erased = try? Tickets.CustomerErased(wireBytes: event.payload)
        else { return [] }
        return [erased.customer_id ?? ""] + erased.ticket_ids
    }

    /// How often a position is stored when no event asks for anything.
    static var positionEvery: UInt64 { 256 }

    /// The public types `event` stands for, each with its JSON body. A payload
    /// that does not decode is logged and skipped, so it cannot stop the feed.
    static func publicBodies(of event: Event) -> [(PublicEvent, String)] {
        guard let (types, schema) = PublicEvent.of(event) else { return [] }
        do {
            return try types.map { ($0, try WebhookPayload.body(type: $0, event: event, schema: schema)) }
        } catch {
            Logger(label: "webhooks").error(
                "undecodable event skipped",
                metadata: ["type": "\(event.type)", "sequence": "\(event.sequence)", "error": "\(error)"])
            return []
        }
    }

    /// `msg_` and 26 hex digits of SHA-256 over subscription, source event and
    /// type: the same every time the event is seen.
    static func deliveryID(subscription: String, event: Event, type: PublicEvent) -> String {
        let digest = SHA256.hash(data: Data("\(subscription)|\(event.service)|\(event.sequence)|\(type.rawValue)".utf8))
        return "msg_" + digest.map { String(format: "%02x", $0) }.joined().prefix(26)
    }
}

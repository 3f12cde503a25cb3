import Bus
import Contract
import Foundation
import Testing

@testable import WebhooksService

/// Deliveries: derived from tickets' events, POSTed signed to a real endpoint,
/// retried, replayed, and an endpoint given up on.
@Suite("webhooks: deliveries", .timeLimit(.minutes(1)))
struct DeliveryTests {
    @Test(
        "a resolved ticket reaches the subscribed endpoint signed; after two 500s and a 200 it is one delivery, succeeded, with three attempts"
    )
    func resolvedTicketDelivered() async throws {
        let desk = try await WebhookDesk()
        let receiver = WebhookReceiver(statuses: [500, 500, 200])
        try await receiver.run { url in
            let subscription = try await desk.subscribe(url, to: ["ticket.resolved"])
            let ticketID = try await desk.resolvedTicket()
            try await desk.sync()
            for _ in 0..<3 { await desk.deliver(thenWait: 60) }
            await desk.deliver()

            let deliveries = try await desk.deliveries(subscription.subscription_id!)
            try #require(deliveries.count == 1)
            let delivery = deliveries[0]
            #expect(delivery.state == .succeeded && delivery.attempt_count == 3)
            #expect(delivery.event_type == "ticket.resolved")
            #expect(delivery.attempts.map(\.status_code) == [500, 500, 200])
            #expect(delivery.attempts.first?.error == "status 500" && delivery.last_error == nil)
            #expect(delivery.attempts.allSatisfy { ($0.duration_ms ?? -1) >= 0 && $0.attempted_at_ms != nil })

            let received = receiver.received
            #expect(received.count == 3 && Set(received.map(\.id)) == [delivery.delivery_id!])
            for request in received {
                #expect(
                    try IndependentSignature.verify(
                        secret: subscription.secret!, id: request.id, timestamp: request.timestamp, body: request.body,
                        header: request.signature))
            }
            let other = "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()
            let forged = try IndependentSignature.verify(
                secret: other, id: received[0].id, timestamp: received[0].timestamp, body: received[0].body,
                header: received[0].signature)
            #expect(!forged)
            let payload = try JSONSerialization.jsonObject(with: Data(received[0].body.utf8)) as? [String: Any]
            #expect(payload?["type"] as? String == "ticket.resolved")
            #expect((payload?["timestamp"] as? String)?.hasSuffix("Z") == true)
            let data = payload?["data"] as? [String: Any]
            #expect(data?["ticket_id"] as? String == ticketID && data?["channel"] as? String == "CHANNEL_PHONE")
        }
    }

    @Test("events seen again derive no second delivery; only subscribed types are delivered")
    func oncePerEvent() async throws {
        let desk = try await WebhookDesk()
        let subscription = try await desk.subscribe("https://crm.example.com/hook", to: ["ticket.created"])
        _ = try await desk.resolvedTicket()
        _ = try await desk.resolvedTicket("Pakket kwijt")
        try await desk.sync()
        let events = try await desk.call(Tickets.since, SinceRequest(after_sequence: 0, limit: 500)).events
        for event in events { try await desk.webhooks.handlers.apply(event) }
        let deliveries = try await desk.deliveries(subscription.subscription_id!)
        #expect(deliveries.count == 2 && deliveries.allSatisfy { $0.event_type == "ticket.created" })
        #expect(Set(deliveries.map(\.event_id)).count == 2)
    }

    @Test("a detractor's answer is delivered as detractor.answered as well; a promoter's only as response.submitted")
    func surveyAnswers() async throws {
        let desk = try await WebhookDesk()
        let both = try await desk.subscribe(
            "https://crm.example.com/all", to: ["response.submitted", "detractor.answered"])
        let detractors = try await desk.subscribe("https://crm.example.com/loop", to: ["detractor.answered"])
        for (number, score) in [(1, 3), (2, 10)] {
            _ = try await desk.call(
                Feedback.submitResponse,
                .init(
                    score: Int32(score), comment: "Antwoord \(number)",
                    attribution: .init(
                        channel: .webForm, country: "NL", product_category: "photo-books", touchpoint: "delivery"),
                    customer_id: "customer-\(number)", source: .web))
        }
        try await desk.sync()
        let all = try await desk.deliveries(both.subscription_id!)
        let types = all.compactMap(\.event_type).sorted()
        #expect(types == ["detractor.answered", "response.submitted", "response.submitted"])
        let loop = try await desk.deliveries(detractors.subscription_id!)
        #expect(loop.map(\.event_type) == ["detractor.answered"])
    }

    @Test("a succeeded delivery is replayed on request, under the same id and body")
    func replay() async throws {
        let desk = try await WebhookDesk()
        let receiver = WebhookReceiver()
        try await receiver.run { url in
            let subscription = try await desk.subscribe(url, to: ["ticket.resolved"])
            _ = try await desk.resolvedTicket()
            try await desk.sync()
            await desk.deliver()
            let first = try #require(try await desk.deliveries(subscription.subscription_id!).first)
            #expect(first.state == .succeeded)
            let replayed = try await desk.call(Webhooks.replayDelivery, .init(delivery_id: first.delivery_id))
            #expect(replayed.delivery?.state == .pending && replayed.delivery?.attempts.count == 1)
            await desk.deliver()
            let again = try #require(try await desk.deliveries(subscription.subscription_id!).first)
            #expect(again.state == .succeeded && again.attempt_count == 2 && again.attempts.count == 2)
            let received = receiver.received
            #expect(received.count == 2 && received[0].id == received[1].id && received[0].body == received[1].body)
            let unknown = await #expect(throws: RPCError.self) {
                try await desk.call(Webhooks.replayDelivery, .init(delivery_id: "msg_none"))
            }
            #expect(unknown?.code == .notFound && unknown?.message.hasPrefix("delivery_id:") == true)
        }
    }

    @Test(
        "an endpoint failing for a day is disabled with the reason, subscription.disabled is published, and nothing more is sent"
    )
    func disabledAfterADay() async throws {
        let desk = try await WebhookDesk()
        let receiver = WebhookReceiver(statuses: Array(repeating: 503, count: 1000))
        try await receiver.run { url in
            let subscription = try await desk.subscribe(url, to: ["ticket.resolved"])
            let id = subscription.subscription_id!
            _ = try await desk.resolvedTicket()
            try await desk.sync()
            var hours = 0
            while hours < 30,
                try await desk.call(Webhooks.getSubscription, .init(subscription_id: id)).subscription?.enabled == true
            {
                await desk.deliver(thenWait: 1800)
                await desk.deliver(thenWait: 1800)
                hours += 1
            }
            #expect((25...26).contains(hours), "disabled after \(hours) h of passes, not before a day")
            let disabled = try #require(try await desk.call(Webhooks.listSubscriptions, .init()).subscriptions.first)
            #expect(disabled.enabled == false && disabled.disabled_at_ms != nil)
            #expect(disabled.disabled_reason?.hasPrefix("no successful delivery for 24 h since ") == true)
            #expect(disabled.disabled_reason?.hasSuffix("last: HTTP 503: status 503") == true)
            let delivery = try #require(try await desk.deliveries(id).first)
            #expect(delivery.state == .failed && delivery.attempt_count! > 20)
            let events = try await desk.call(Webhooks.since, SinceRequest(after_sequence: 0, limit: 100)).events
            let notice = try #require(events.first { $0.type == "subscription.disabled" })
            let payload = try Webhooks.SubscriptionDisabled(wireBytes: notice.payload)
            #expect(payload.subscription_id == id && payload.owner_id == desk.agentID)
            #expect(payload.reason == disabled.disabled_reason)

            let count = receiver.received.count
            _ = try await desk.resolvedTicket("Nog een")
            try await desk.sync()
            await desk.deliver(thenWait: 3600)
            #expect(receiver.received.count == count)
        }
    }

    @Test("410 Gone fails the delivery and disables the subscription at once")
    func gone() async throws {
        let desk = try await WebhookDesk()
        let receiver = WebhookReceiver(statuses: [410])
        try await receiver.run { url in
            let subscription = try await desk.subscribe(url, to: ["ticket.created"])
            _ = try await desk.resolvedTicket()
            try await desk.sync()
            await desk.deliver()
            let after = try await desk.call(
                Webhooks.getSubscription, .init(subscription_id: subscription.subscription_id)
            ).subscription
            #expect(after?.enabled == false && after?.disabled_reason == "the endpoint answered 410 Gone")
            #expect(try await desk.deliveries(subscription.subscription_id!).first?.state == .failed)
        }
    }
}

/// Webhooks and a customer's erasure (docs/privacy.md).
@Suite("webhooks: an erased customer", .timeLimit(.minutes(1)))
struct ErasedCustomerDeliveryTests {
    @Test("tickets' customer.erased replaces the data of deliveries about her with {\"erased\": true}")
    func erasedData() async throws {
        let desk = try await WebhookDesk()
        let subscription = try await desk.subscribe("https://crm.example.com/hook", to: ["ticket.resolved"])
        let ticketID = try await desk.resolvedTicket()
        try await desk.sync()
        let id = try #require(try await desk.deliveries(subscription.subscription_id!).first?.delivery_id)
        let before = try #require(try await desk.webhooks.store.read { try $0.delivery(id: id) }).body
        #expect(before.contains("Anna de Vries") && before.contains("anna@example.nl"))

        let customer = try #require(
            try await desk.call(Tickets.getTicket, .init(ticket_id: ticketID)).ticket?.customer?.customer_id)
        _ = try await desk.call(Tickets.eraseCustomer, .init(customer_id: customer, reason: "request 5"))
        try await desk.sync()
        let after = try #require(try await desk.webhooks.store.read { try $0.delivery(id: id) }).body
        #expect(!after.contains("Anna") && !after.contains("anna@example.nl") && !after.contains(ticketID))
        let payload = try JSONSerialization.jsonObject(with: Data(after.utf8)) as? [String: Any]
        #expect(payload?["type"] as? String == "ticket.resolved")
        #expect((payload?["data"] as? [String: Any])?["erased"] as? Bool == true)
    }
}

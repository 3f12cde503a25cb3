import Bus
import Contract
import Domain
import Foundation
import TestSupport
import Testing

@testable import WebhooksService

/// The webhooks process killed with SIGKILL between deriving deliveries and
/// delivering them: after a restart every event still arrives (on PostgreSQL the
/// restarted process takes the dead one's deliveries lease at once).
@Suite("webhooks: killed mid-way", .serialized, .timeLimit(.minutes(4)))
struct CrashTests {
    @Test("kill -9 of webhooks after deliveries are derived and before they are delivered loses none")
    func killedBeforeDelivering() async throws {
        let stack = try await ProcessStack()
        for service in ["staff", "tickets"] { try await stack.start(service) }
        let webhooks = try await stack.start("webhooks", environment: ["GLIMLACH_WEBHOOKS_TIMEOUT_MS": "60000"])
        let client = stack.client
        let receiver = WebhookReceiver(holding: true)
        try await receiver.run { url in
            let owner = try await client.call(
                Staff.createEmployee,
                .init(
                    name: "Daan Bakker", email: "daan@example.com", country: "NL", start_date: "2025-01-06",
                    status: .active, monthly_budget: Money(minorUnits: 5000, currency: .eur))
            ).employee!.employee_id!
            let subscription = try await client.call(
                Webhooks.createSubscription,
                .init(url: url, event_types: ["ticket.created", "ticket.resolved"], owner_id: owner)
            ).subscription!
            let id = subscription.subscription_id!
            for number in 0..<10 {
                let ticket = try await client.call(
                    Tickets.createTicket,
                    .init(
                        customer: .init(name: "Klant \(number)", handle: "klant\(number)@example.nl", country: "NL"),
                        channel: .phone, product_category: "photo-books", subject: "Vraag \(number)", body: "Vraag"),
                    options: .init(idempotencyKey: "crash-ticket-\(number)")
                ).ticket!.ticket_id!
                _ = try await client.call(Tickets.resolveTicket, .init(ticket_id: ticket, summary: "Geholpen"))
            }
            // Deliveries are derived and the first POSTs wait at the receiver: kill now.
            try await waitUntil("a delivery is derived and being POSTed") { receiver.received.count >= 1 }
            await webhooks.kill()
            let derivedBefore = try? await client.call(
                Webhooks.listDeliveries, .init(subscription_id: id), options: .init(timeout: .milliseconds(200)))
            #expect(derivedBefore == nil, "webhooks still answers after SIGKILL")
            receiver.hold(false)

            try await stack.start("webhooks")
            try await waitUntil("all 20 events are delivered", timeout: .seconds(60)) {
                let deliveries = try await client.call(
                    Webhooks.listDeliveries, .init(subscription_id: id, page_size: 100)
                ).deliveries
                return deliveries.count == 20 && deliveries.allSatisfy { $0.state == .succeeded }
            }
            let deliveries = try await client.call(
                Webhooks.listDeliveries, .init(subscription_id: id, page_size: 100)
            ).deliveries
            #expect(deliveries.count == 20)
            #expect(deliveries.filter { $0.event_type == "ticket.created" }.count == 10)
            #expect(Set(deliveries.compactMap(\.event_id)).count == 20)
            #expect(Set(receiver.received.map(\.id)) == Set(deliveries.compactMap(\.delivery_id)))
        }
        await stack.shutdown()
    }
}

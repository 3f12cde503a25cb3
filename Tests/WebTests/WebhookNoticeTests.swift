import Bus
import Contract
import Foundation
import Testing

@testable import WebService
@testable import WebhooksService

/// The owner's notice of a webhook that webhooks switched off.
@Suite("Dashboard: a switched-off webhook", .timeLimit(.minutes(2)))
struct WebhookNoticeTests {
    static let password = "a long enough password"

    @Test("the owner sees on the dashboard which webhook was switched off, when and why; a colleague does not")
    func ownerNotice() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), webhooks: true)
        let webhooks = try #require(world.webhooksApp)
        var people: [String] = []
        for name in ["Iris", "Daan"] {
            let id = try await world.client.call(
                Staff.createEmployee,
                .init(
                    name: name, email: "\(name.lowercased())@example.com", role: .directorOfHappyCustomers,
                    status: .active)
            ).employee!.employee_id!
            _ = try await world.client.call(
                Staff.setPassword, .init(employee_id: id, password: Self.password),
                options: .init(timeout: .seconds(60)))
            people.append(id)
        }
        let subscription = try await world.client.call(
            Webhooks.createSubscription,
            .init(url: "https://crm.example.com/hooks/glimlach", event_types: ["ticket.resolved"], owner_id: people[0])
        ).subscription!
        // What the delivery worker does after a day of failures.
        _ = try await webhooks.store.write(method: "Disable", idempotencyKey: nil) { tx in
            var stored = try #require(try tx.subscription(id: subscription.subscription_id!)).subscription
            try WebhooksHandlers<WebhooksSQLStore>.disable(
                &stored, reason: "no success for a day: status 503", in: tx)
            try tx.save(stored)
            return Webhooks.DeleteSubscriptionReply()
        }
        try await world.withWeb { web in
            try await web.signIn("iris@example.com", password: Self.password)
            let dashboard = try await web.get("/dashboard")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains("Your webhook to https://crm.example.com/hooks/glimlach was switched off"))
            #expect(dashboard.body.contains("no success for a day: status 503"))
        }
        try await world.withWeb { web in
            try await web.signIn("daan@example.com", password: Self.password)
            let dashboard = try await web.get("/dashboard")
            #expect(dashboard.status == .ok && !dashboard.body.contains("crm.example.com"))
        }
    }
}

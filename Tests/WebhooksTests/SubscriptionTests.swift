import Bus
import Contract
import Testing

@testable import WebhooksService

/// Subscriptions: what is accepted, what is refused and why, and who sees the secret.
@Suite("webhooks: subscriptions", .timeLimit(.minutes(1)))
struct SubscriptionTests {
    @Test(
        "bad input is refused naming the field",
        arguments: [
            (["ticket.resolved"], "ftp://example.com/hook", "url: must be an https URL"),
            (["ticket.resolved"], "http://example.com/hook", "url: must be https (http only for loopback"),
            (["ticket.resolved"], "not a url", "url: must be an absolute https URL"),
            (["ticket.solved"], "https://example.com/hook", "event_types: unknown event type 'ticket.solved'"),
            ([], "https://example.com/hook", "event_types: must name at least one of ticket.created"),
        ])
    func badInput(types: [String], url: String, message: String) async throws {
        let desk = try await WebhookDesk()
        let error = await #expect(throws: RPCError.self) {
            try await desk.call(
                Webhooks.createSubscription, .init(url: url, event_types: types, owner_id: desk.agentID))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
    }

    @Test("an owner staff does not know is NOT_FOUND naming owner_id")
    func unknownOwner() async throws {
        let desk = try await WebhookDesk()
        let error = await #expect(throws: RPCError.self) {
            try await desk.call(
                Webhooks.createSubscription,
                .init(url: "https://example.com/hook", event_types: ["ticket.created"], owner_id: "nobody"))
        }
        #expect(error?.code == .notFound && error?.message.hasPrefix("owner_id:") == true)
    }

    @Test("the secret is shown on creation and rotation only; updates change what is set")
    func lifecycle() async throws {
        let desk = try await WebhookDesk()
        let url = "https://crm.example.com/hook"
        let created = try await desk.subscribe(url, to: ["ticket.created", "ticket.created"])
        let id = try #require(created.subscription_id)
        #expect(created.secret?.hasPrefix("whsec_") == true && created.event_types == ["ticket.created"])
        let fetched = try #require(
            try await desk.call(Webhooks.getSubscription, .init(subscription_id: id)).subscription)
        #expect(fetched.secret == nil && fetched.enabled == true && fetched.url == "https://crm.example.com/hook")
        let rotated = try await desk.call(Webhooks.rotateSecret, .init(subscription_id: id)).subscription
        #expect(rotated?.secret?.hasPrefix("whsec_") == true && rotated?.secret != created.secret)

        let updated = try await desk.call(
            Webhooks.updateSubscription,
            .init(subscription_id: id, event_types_list: "ticket.resolved,detractor.answered", enabled: false)
        ).subscription
        #expect(updated?.event_types == ["ticket.resolved", "detractor.answered"] && updated?.enabled == false)
        #expect(updated?.url == "https://crm.example.com/hook" && updated?.disabled_reason != nil)
        let unknown = await #expect(throws: RPCError.self) {
            try await desk.call(Webhooks.updateSubscription, .init(subscription_id: id, event_types_list: "x.y"))
        }
        #expect(unknown?.code == .invalidArgument && unknown?.message.hasPrefix("event_types_list:") == true)

        let listed = try await desk.call(Webhooks.listSubscriptions, .init(owner_id: desk.agentID)).subscriptions
        #expect(listed.map(\.subscription_id) == [id] && listed.first?.secret == nil)
        _ = try await desk.call(Webhooks.deleteSubscription, .init(subscription_id: id))
        let gone = await #expect(throws: RPCError.self) {
            try await desk.call(Webhooks.getSubscription, .init(subscription_id: id))
        }
        #expect(gone?.code == .notFound)
    }
}

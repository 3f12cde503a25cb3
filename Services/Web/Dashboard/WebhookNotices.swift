import Bus
import Contract
import Foundation

/// The signed-in employee's webhook subscriptions that webhooks switched off (an
/// endpoint failing for a day, or answering 410): the owner's notice, shown on
/// their dashboard until the subscription is enabled again or deleted. Webhooks not
/// answering shows nothing: the notice is not worth holding up the page.
struct WebhookNotices: Sendable {
    let client: any RPCClient
    let timeout: Duration

    func disabled(ownerID: String) async -> [Webhooks.Subscription] {
        let reply = try? await client.call(
            Webhooks.listSubscriptions, .init(owner_id: ownerID, page_size: 100),
            options: .init(timeout: timeout, actor: ownerID))
        return (reply?.subscriptions ?? []).filter { $0.enabled == false && $0.disabled_reason != nil }
    }
}

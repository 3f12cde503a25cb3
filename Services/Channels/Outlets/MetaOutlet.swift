import Domain
import Meta

/// Messenger and WhatsApp replies through the Graph API, in the conversation the
/// customer wrote in.
struct MetaOutlet: Outlet {
    let sender: GraphSender

    func send(_ message: OutgoingMessage) async throws -> String {
        guard let text = message.conversation, let key = SocialConversationKey(stringValue: text) else {
            throw DeliveryError.final("no \(message.channel) conversation to answer in: the customer wrote elsewhere")
        }
        do {
            return try await sender.send(text: message.body, in: key)
        } catch let error as GraphSendError {
            throw error.isTransient ? DeliveryError.passing("\(error)") : DeliveryError.final("\(error)")
        }
    }
}

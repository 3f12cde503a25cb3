import Bus
import Contract
import Domain
import Foundation
import ServiceKit

extension Channels.ReceiveMessageRequest {
    /// The request as an inbound message, every field checked.
    /// - Throws: INVALID_ARGUMENT naming the field.
    func checked(defaultCountry: String) throws(RPCError) -> InboundMessage {
        let channel = try Fields.required(channel, "channel")
        let inbound: Set<Channel> = [.email, .chat, .webForm, .facebookMessenger, .whatsApp]
        guard inbound.contains(channel) else {
            throw RPCError.invalidArgument(field: "channel", "\(channel) messages do not come in through channels")
        }
        let handle = try Fields.text(handle, "handle", maxLength: 254)
        if channel == .email || channel == .webForm {
            _ = try Fields.optionalEmail(handle, "handle")
        }
        let body = try Fields.text(body, "body", maxLength: 20_000)
        let externalID = try Fields.text(external_id, "external_id", maxLength: 300)
        if let sent = sent_at_ms, sent <= 0 {
            throw RPCError.invalidArgument(field: "sent_at_ms", "must be a Unix time in milliseconds, got \(sent)")
        }
        let given = try Fields.optionalText(name, "name", maxLength: 200)
        let country = try Fields.optionalText(country, "country", maxLength: 2) ?? defaultCountry
        _ = try Fields.country(country, "country")
        return InboundMessage(
            channel: channel, handle: handle, name: given ?? handle,
            language: try Fields.optionalText(language, "language", maxLength: 35), country: country,
            conversationKey: try Fields.optionalText(conversation_key, "conversation_key", maxLength: 300)
                ?? Self.defaultConversation(channel: channel, handle: handle, externalID: externalID),
            subject: InboundMessage.subject(
                try Fields.optionalText(subject, "subject", maxLength: 998), body: body),
            body: body, externalID: externalID, sentAtMs: sent_at_ms)
    }

    /// A message without a conversation: a contact form or a mail is a contact of its
    /// own (its ticket is joined by a reply's references instead); a chat or social
    /// message continues its sender's conversation.
    static func defaultConversation(channel: Channel, handle: String, externalID: String) -> String {
        [.email, .webForm].contains(channel) ? "message:\(externalID)" : handle
    }
}

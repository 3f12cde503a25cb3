import Domain
import Foundation

extension MessengerPayload {
    /// The customers' messages, leaving out our own (`is_echo`) and events that are not
    /// messages (delivery and read receipts, postbacks, reactions).
    ///
    /// A message without text gets a placeholder naming its attachments' types, e.g.
    /// `[image]`, so a conversation never shows an empty message. The Page is the
    /// event's recipient (the entry's id when that is empty).
    ///
    /// - Throws: `DomainError.invalid` naming the field when a message has no time.
    func inboundMessages() throws(DomainError) -> [InboundSocialMessage] {
        var messages: [InboundSocialMessage] = []
        for (entryIndex, entry) in entry.enumerated() {
            for (eventIndex, event) in (entry.messaging ?? []).enumerated() {
                guard let message = event.message, message.isEcho != true else { continue }
                guard let millis = event.timestamp ?? entry.time else {
                    throw .invalid(field: "entry.\(entryIndex).messaging.\(eventIndex).timestamp", reason: "is missing")
                }
                let attachments = (message.attachments ?? []).map {
                    SocialAttachment(type: $0.type, url: $0.payload?.url)
                }
                let text = message.text ?? attachments.map { "[\($0.type)]" }.joined(separator: " ")
                let page = event.recipient.id.isEmpty ? entry.id : event.recipient.id
                messages.append(
                    InboundSocialMessage(
                        channel: .facebookMessenger,
                        conversation: SocialConversationKey(
                            channel: .facebookMessenger, account: page, participant: event.sender.id),
                        senderHandle: event.sender.id, senderName: nil, externalMessageID: message.mid, text: text,
                        sentAt: Date(timeIntervalSince1970: Double(millis) / 1000), attachments: attachments))
            }
        }
        return messages
    }
}

import Domain
import Foundation

extension WhatsAppPayload {
    /// The customers' messages and the status updates of ours, in the order given.
    ///
    /// A text message's text is `text.body`. Other types keep a placeholder naming the
    /// type and any media id, followed by the caption if there is one, e.g.
    /// `[image, media id 1234] the broken part`; their media become attachments.
    /// Statuses other than sent, delivered, read and failed are left out.
    ///
    /// - Throws: `DomainError.invalid` naming the field for a missing `metadata`, a
    ///   timestamp that is not whole seconds, or a text message without `text.body`.
    func inbound() throws(DomainError) -> (messages: [InboundSocialMessage], statuses: [SocialDeliveryStatus]) {
        var messages: [InboundSocialMessage] = []
        var statuses: [SocialDeliveryStatus] = []
        for (entryIndex, entry) in entry.enumerated() {
            for (changeIndex, change) in (entry.changes ?? []).enumerated() {
                let path = "entry.\(entryIndex).changes.\(changeIndex).value"
                let value = change.value
                guard value.messages?.isEmpty == false || value.statuses?.isEmpty == false else { continue }
                guard let phoneNumberID = value.metadata?.phoneNumberID else {
                    throw .invalid(field: "\(path).metadata", reason: "is missing")
                }
                for (index, message) in (value.messages ?? []).enumerated() {
                    messages.append(
                        try Self.inbound(
                            message, names: value.contacts ?? [], account: phoneNumberID,
                            path: "\(path).messages.\(index)"))
                }
                for (index, status) in (value.statuses ?? []).enumerated() {
                    guard let state = SocialDeliveryState(rawValue: status.status) else { continue }
                    let key = SocialConversationKey(
                        channel: .whatsApp, account: phoneNumberID, participant: status.recipientID)
                    let errors = (status.errors ?? []).map {
                        SocialDeliveryError(
                            code: $0.code, title: $0.title ?? "error", message: $0.message ?? $0.errorData?.details)
                    }
                    statuses.append(
                        SocialDeliveryStatus(
                            channel: .whatsApp, conversation: key, externalMessageID: status.id, state: state,
                            at: try Self.date(status.timestamp, field: "\(path).statuses.\(index).timestamp"),
                            errors: errors))
                }
            }
        }
        return (messages, statuses)
    }

    private static func inbound(
        _ message: Message, names: [Contact], account: String, path: String
    ) throws(DomainError) -> InboundSocialMessage {
        var attachments: [SocialAttachment] = []
        let text: String
        if message.type == "text" {
            guard let body = message.text?.body else {
                throw .invalid(field: "\(path).text.body", reason: "is missing")
            }
            text = body
        } else if let media = message.media {
            attachments.append(SocialAttachment(type: message.type, mediaID: media.id, mimeType: media.mimeType))
            let label = media.id.map { "[\(message.type), media id \($0)]" } ?? "[\(message.type)]"
            text = media.caption.map { "\(label) \($0)" } ?? label
        } else {
            text = "[\(message.type)]"
        }
        return InboundSocialMessage(
            channel: .whatsApp,
            conversation: SocialConversationKey(channel: .whatsApp, account: account, participant: message.from),
            senderHandle: message.from,
            senderName: names.first { $0.waID == message.from }?.profile?.name,
            externalMessageID: message.id, text: text,
            sentAt: try date(message.timestamp, field: "\(path).timestamp"), attachments: attachments)
    }

    private static func date(_ seconds: String, field: String) throws(DomainError) -> Date {
        guard let value = Int64(seconds) else {
            throw .invalid(field: field, reason: "must be whole seconds since 1970, got '\(seconds)'")
        }
        return Date(timeIntervalSince1970: Double(value))
    }
}

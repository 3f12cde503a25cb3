import Bus
import Contract
import Domain
import Foundation
import Meta

extension ChannelsHandlers {
    /// What Meta's webhook delivered: each message taken onto its conversation's
    /// ticket (once, by its message id), each failed delivery report marking the
    /// reply FAILED with the platform's reason. Throws (and the webhook answers 503,
    /// so Meta sends it again) until all is stored.
    func takeSocial(_ messages: [InboundSocialMessage], _ statuses: [SocialDeliveryStatus]) async throws {
        for message in messages {
            // The text names attachments without one ("[image]"); links follow it.
            let links = message.attachments.compactMap { attachment in
                attachment.url.map { "\(attachment.type): \($0)" }
            }
            let body = ([message.text] + links).filter { !$0.isEmpty }.joined(separator: "\n")
            _ = try await take(
                InboundMessage(
                    channel: message.channel, handle: message.senderHandle,
                    name: message.senderName ?? message.senderHandle, language: nil,
                    country: settings.defaultCountry, conversationKey: message.conversation.stringValue,
                    subject: InboundMessage.subject(nil, body: body), body: body.isEmpty ? "(empty message)" : body,
                    externalID: message.externalMessageID,
                    sentAtMs: Int64(message.sentAt.timeIntervalSince1970 * 1000)))
        }
        for status in statuses where status.state == .failed {
            let reason = status.errors.map { [$0.title, $0.message].compactMap { $0 }.joined(separator: ": ") }
                .joined(separator: "; ")
            try await recordReportedFailure(
                externalID: status.externalMessageID,
                reason: reason.isEmpty ? "the platform did not deliver it" : reason)
        }
    }

    /// A sent delivery the platform reports as not delivered becomes FAILED.
    func recordReportedFailure(externalID: String, reason: String) async throws {
        _ = try await store.write(method: "ReportedFailure", idempotencyKey: nil) { tx in
            guard var delivery = try tx.delivery(externalID: externalID), delivery.state == .sent else {
                return Channels.ReceiveMessageReply()
            }
            try Self.fail(&delivery, reason: reason, in: tx)
            try tx.save(delivery)
            return Channels.ReceiveMessageReply()
        }
    }
}

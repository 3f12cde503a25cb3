import Domain
import Foundation

/// A message a customer sent us on Facebook Messenger or WhatsApp, as read from a Meta
/// webhook delivery.
///
/// The external message id (`mid` / `wamid....`) is unique per platform: Meta delivers a
/// webhook again when it did not get a 200 in time, so stores use it to drop repeats.
public struct InboundSocialMessage: Hashable, Sendable {
    /// `.facebookMessenger` or `.whatsApp`.
    public var channel: Channel
    /// The conversation: our Page or phone number and the customer.
    public var conversation: SocialConversationKey
    /// The customer's id on the platform: the PSID (Messenger) or `wa_id` (WhatsApp).
    public var senderHandle: String
    /// The customer's profile name, when the platform gives it (WhatsApp `contacts`).
    public var senderName: String?
    /// The platform's message id: Messenger `mid`, WhatsApp `id` (`wamid....`).
    public var externalMessageID: String
    /// The text. For messages without text (an image, a location, ...) a placeholder
    /// naming the type in brackets, e.g. `[image]` or `[image, media id 1234] caption`.
    public var text: String
    /// When the customer sent it, by the platform's clock.
    public var sentAt: Date
    /// Files and other non-text parts.
    public var attachments: [SocialAttachment]

    /// A message.
    ///
    /// - Parameters:
    ///   - channel: `.facebookMessenger` or `.whatsApp`.
    ///   - conversation: The conversation key.
    ///   - senderHandle: The customer's platform id.
    ///   - senderName: The customer's profile name, if given.
    ///   - externalMessageID: The platform's message id.
    ///   - text: The text or a placeholder.
    ///   - sentAt: When it was sent.
    ///   - attachments: Files and other non-text parts.
    public init(
        channel: Channel, conversation: SocialConversationKey, senderHandle: String, senderName: String?,
        externalMessageID: String, text: String, sentAt: Date, attachments: [SocialAttachment] = []
    ) {
        self.channel = channel
        self.conversation = conversation
        self.senderHandle = senderHandle
        self.senderName = senderName
        self.externalMessageID = externalMessageID
        self.text = text
        self.sentAt = sentAt
        self.attachments = attachments
    }
}

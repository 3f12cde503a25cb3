import Domain
import Foundation

/// What happened to a message we sent: WhatsApp's `statuses[]` in a webhook delivery.
///
/// Statuses can arrive out of order (a `delivered` after a `read`); consumers keep the
/// furthest state they have seen, except that `failed` is final.
public struct SocialDeliveryStatus: Hashable, Sendable {
    /// The channel the message went out on.
    public var channel: Channel
    /// The conversation: our phone number id and the customer's `wa_id`.
    public var conversation: SocialConversationKey
    /// The id `GraphSender` returned when sending (WhatsApp `wamid....`).
    public var externalMessageID: String
    /// How far the message got.
    public var state: SocialDeliveryState
    /// When it got there, by the platform's clock.
    public var at: Date
    /// Why it failed; empty unless `state` is `.failed`.
    public var errors: [SocialDeliveryError]

    /// A status update.
    ///
    /// - Parameters:
    ///   - channel: The channel.
    ///   - conversation: The conversation key.
    ///   - externalMessageID: The platform's id of our message.
    ///   - state: How far the message got.
    ///   - at: When.
    ///   - errors: Why it failed, if it did.
    public init(
        channel: Channel, conversation: SocialConversationKey, externalMessageID: String, state: SocialDeliveryState,
        at: Date, errors: [SocialDeliveryError] = []
    ) {
        self.channel = channel
        self.conversation = conversation
        self.externalMessageID = externalMessageID
        self.state = state
        self.at = at
        self.errors = errors
    }
}

/// How far a sent message got. Raw values are the platform's words.
public enum SocialDeliveryState: String, CaseIterable, Hashable, Codable, Sendable {
    /// Accepted by the platform and on its way.
    case sent
    /// On the customer's device.
    case delivered
    /// Opened by the customer.
    case read
    /// Not deliverable; see the errors.
    case failed
}

/// One reason a message was not delivered, as the platform words it.
public struct SocialDeliveryError: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The platform's error code (e.g. 131047 for WhatsApp's closed 24-hour window).
    public var code: Int?
    /// A short title, e.g. "Re-engagement message".
    public var title: String
    /// The longer explanation, when given.
    public var message: String?

    /// An error.
    ///
    /// - Parameters:
    ///   - code: The platform's code, if any.
    ///   - title: The short title.
    ///   - message: The explanation, if any.
    public init(code: Int?, title: String, message: String?) {
        self.code = code
        self.title = title
        self.message = message
    }

    /// `title (code): message`, leaving out what is missing.
    public var description: String {
        let head = code.map { "\(title) (\($0))" } ?? title
        return message.map { "\(head): \($0)" } ?? head
    }
}

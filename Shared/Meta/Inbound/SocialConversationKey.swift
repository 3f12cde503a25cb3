import Domain

/// Which conversation a social message belongs to: our account on the platform and the
/// customer on the other side.
///
/// - Messenger: `account` is the Facebook Page id, `participant` the customer's
///   page-scoped id (PSID).
/// - WhatsApp: `account` is our business phone number's id (`phone_number_id`),
///   `participant` the customer's WhatsApp id (`wa_id`, their number in digits).
public struct SocialConversationKey: Hashable, Sendable, CustomStringConvertible {
    /// `.facebookMessenger` or `.whatsApp`.
    public var channel: Channel
    /// Our side: the Page id (Messenger) or the phone number id (WhatsApp).
    public var account: String
    /// The customer: the PSID (Messenger) or the `wa_id` (WhatsApp).
    public var participant: String

    /// A key for the given channel, account and participant.
    ///
    /// - Parameters:
    ///   - channel: `.facebookMessenger` or `.whatsApp`.
    ///   - account: The Page id or the phone number id.
    ///   - participant: The PSID or the `wa_id`.
    public init(channel: Channel, account: String, participant: String) {
        self.channel = channel
        self.account = account
        self.participant = participant
    }

    /// One string for storage and logs: `slug:account:participant`, e.g.
    /// `whatsapp:106540352242922:16505551234`.
    public var stringValue: String { "\(channel.slug):\(account):\(participant)" }

    /// The key `stringValue` wrote; nil for any other text.
    public init?(stringValue: String) {
        let parts = stringValue.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[1].isEmpty, !parts[2].isEmpty,
            let channel = Channel.allCases.first(where: { $0.slug == parts[0] }),
            [.facebookMessenger, .whatsApp].contains(channel)
        else { return nil }
        self.init(channel: channel, account: String(parts[1]), participant: String(parts[2]))
    }

    /// Same as `stringValue`.
    public var description: String { stringValue }
}

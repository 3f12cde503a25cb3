import Domain

/// The longest text one message may carry: Messenger 2000 characters, WhatsApp 4096.
///
/// `GraphSender` refuses a longer text rather than splitting it: a split reply reads
/// badly and would need several message ids, so the caller decides (shorten it, or send
/// parts one by one). Characters are counted as UTF-16 code units, which is never fewer
/// than the platforms count, so a text that passes here is not cut by them.
public enum SocialTextLimit {
    /// Messenger's limit on `message.text`.
    public static let messenger = 2000
    /// WhatsApp's limit on `text.body`.
    public static let whatsApp = 4096

    /// The limit of `channel`, or nil for channels that are not Meta's.
    ///
    /// - Parameters:
    ///   - channel: `.facebookMessenger` or `.whatsApp`.
    public static func maxLength(for channel: Channel) -> Int? {
        switch channel {
        case .facebookMessenger: messenger
        case .whatsApp: whatsApp
        default: nil
        }
    }

    /// Checks that `text` can be sent on `channel` as one message.
    ///
    /// - Parameters:
    ///   - text: The message text.
    ///   - channel: `.facebookMessenger` or `.whatsApp`.
    /// - Throws: `GraphSendError.invalid` for `text` when it is empty (or only white
    ///   space) or over the limit, and for `channel` when it is not Meta's.
    public static func check(_ text: String, for channel: Channel) throws(GraphSendError) {
        guard let limit = maxLength(for: channel) else {
            throw .invalid(field: "channel", reason: "\(channel.displayName) is not sent through the Graph API")
        }
        guard !text.allSatisfy(\.isWhitespace) else { throw .invalid(field: "text", reason: "must not be empty") }
        let length = text.utf16.count
        guard length <= limit else {
            throw .invalid(
                field: "text",
                reason: "\(channel.displayName) takes at most \(limit) characters in one message, got \(length)")
        }
    }
}

/// A way customers contact us. Raw values are the wire numbers of `glimlach.Channel`
/// in proto/common.proto; `CHANNEL_UNSPECIFIED` (0) is not a channel.
///
/// Codable as its wire number.
public enum Channel: Int32, CaseIterable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// Telephone, answered live.
    case phone = 1
    /// E-mail.
    case email = 2
    /// Live chat on the web site or in the app.
    case chat = 3
    /// Twitter (X): mentions and direct messages.
    case twitter = 4
    /// Facebook Messenger.
    case facebookMessenger = 5
    /// The contact form on the web site.
    case webForm = 6
    /// WhatsApp.
    case whatsApp = 7
    /// A conversation in a physical store.
    case inStore = 8

    /// The channel with wire number `wireValue`.
    ///
    /// - Parameters:
    ///   - wireValue: The `glimlach.Channel` number, 1...8.
    ///   - field: The field name to report when the number is not a channel.
    /// - Throws: `DomainError.invalid` for 0 (unspecified) and unknown numbers.
    public init(wireValue: Int32, field: String = "channel") throws(DomainError) {
        guard let channel = Channel(rawValue: wireValue) else {
            let reason = wireValue == 0 ? "is unspecified" : "\(wireValue) is not a known channel"
            throw .invalid(field: field, reason: reason)
        }
        self = channel
    }

    /// Twitter, Facebook Messenger and WhatsApp: public or semi-public messaging where
    /// customers expect an answer within minutes, handled by the Social Media team.
    public var isSocial: Bool {
        switch self {
        case .twitter, .facebookMessenger, .whatsApp: true
        case .phone, .email, .chat, .webForm, .inStore: false
        }
    }

    /// The name people read, e.g. "Facebook Messenger".
    public var displayName: String {
        switch self {
        case .phone: "Phone"
        case .email: "E-mail"
        case .chat: "Chat"
        case .twitter: "Twitter"
        case .facebookMessenger: "Facebook Messenger"
        case .webForm: "Web form"
        case .whatsApp: "WhatsApp"
        case .inStore: "In store"
        }
    }

    /// A stable lowercase key for logs, metrics and URLs, e.g. "facebook-messenger".
    public var slug: String {
        switch self {
        case .phone: "phone"
        case .email: "email"
        case .chat: "chat"
        case .twitter: "twitter"
        case .facebookMessenger: "facebook-messenger"
        case .webForm: "web-form"
        case .whatsApp: "whatsapp"
        case .inStore: "in-store"
        }
    }

    /// Same as `displayName`.
    public var description: String { displayName }

    /// Decodes the wire number.
    ///
    /// - Parameters:
    ///   - decoder: Holds an integer.
    /// - Throws: `DomainError.invalid` naming the coding path for 0 and unknown numbers.
    public init(from decoder: any Decoder) throws {
        let number = try decoder.singleValueContainer().decode(Int32.self)
        try self.init(wireValue: number, field: Validation.fieldName(decoder.codingPath, fallback: "channel"))
    }
}

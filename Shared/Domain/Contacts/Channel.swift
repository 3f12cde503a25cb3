/// A way customers contact us.
public enum Channel: CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Telephone, answered live.
    case phone
    /// E-mail.
    case email
    /// Live chat on the web site or in the app.
    case chat
    /// Twitter (X): mentions and direct messages.
    case twitter
    /// Facebook Messenger.
    case facebookMessenger
    /// The contact form on the web site.
    case webForm
    /// WhatsApp.
    case whatsApp
    /// A conversation in a physical store.
    case inStore

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
}

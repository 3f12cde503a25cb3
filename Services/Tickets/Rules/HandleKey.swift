import Domain

/// A customer's handle as it is matched: its kind and its normalized form. An
/// address reaches a customer on e-mail and the contact form, a number on the phone
/// and WhatsApp; so a WhatsApp message from a number an agent added to a customer
/// who mailed before is that customer's.
struct HandleKey: Hashable, Sendable {
    /// EMAIL, PHONE, FACEBOOK_MESSENGER, CHAT or TWITTER.
    var kind: Channel
    /// Addresses and Twitter names lower case; numbers "+" and their digits.
    var value: String

    /// A key as stored.
    init(kind: Channel, value: String) {
        self.kind = kind
        self.value = value
    }

    /// The key of `handle` given on `channel`; nil when it has no content.
    init?(channel: Channel, handle: String) {
        let trimmed = handle.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        switch channel {
        case .email, .webForm:
            (kind, value) = (.email, trimmed.lowercased())
        case .phone, .whatsApp:
            (kind, value) = (.phone, Self.number(trimmed))
        case .facebookMessenger, .chat:
            (kind, value) = (channel, trimmed)
        case .twitter:
            (kind, value) = (.twitter, trimmed.lowercased())
        case .inStore:
            let digits = trimmed.filter(\.isNumber)
            if trimmed.contains("@") && !trimmed.hasPrefix("@") {
                (kind, value) = (.email, trimmed.lowercased())
            } else if digits.count >= 6 && trimmed.allSatisfy({ $0.isNumber || "+-() ".contains($0) }) {
                (kind, value) = (.phone, Self.number(trimmed))
            } else {
                return nil
            }
        }
    }

    /// "+" and the digits: "+31 6 1234 5678" and WhatsApp's "31612345678" meet.
    static func number(_ text: String) -> String {
        "+" + text.filter(\.isNumber)
    }
}

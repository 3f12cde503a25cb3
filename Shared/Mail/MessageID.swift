import Foundation

/// Message-IDs as they appear in headers: `<unique@domain>`, angle brackets included.
/// ``InboundMail`` gives them this way and ``OutgoingMail`` takes them this way.
public enum MessageID {
    /// A new Message-ID: `<unique@domain>`.
    /// - Parameters:
    ///   - domain: the sending domain (`glimlach.example`).
    ///   - unique: the left part; a random UUID by default. Give a stable one (a ticket
    ///     reply's id) so a retried submission keeps its Message-ID.
    public static func make(domain: String, unique: String = UUID().uuidString.lowercased()) -> String {
        "<\(unique)@\(domain)>"
    }

    /// Whether `id` is `<left@right>` without spaces or further brackets.
    static func isValid(_ id: String) -> Bool {
        guard id.hasPrefix("<"), id.hasSuffix(">"), id.count > 4 else { return false }
        let inner = id.dropFirst().dropLast()
        return inner.contains("@") && !inner.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }
}

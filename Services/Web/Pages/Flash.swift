import Foundation
import Hummingbird

/// A one-time message for the page a form redirects to (POST-redirect-GET): what
/// was done, or the service's refusal. Kept in a short-lived cookie signed with the
/// session key and bound to the session's nonce, so no other site or session can
/// put words in the page; the page that shows it clears it.
struct Flash: Sendable, Equatable {
    static let cookie = "glimlach_flash"
    /// Longer texts are cut: a cookie holds about 4 KB.
    static let maxLength = 600

    enum Kind: String, Sendable {
        /// Done: shown with role="status".
        case notice
        /// Refused or failed: shown with role="alert".
        case alert
    }

    let kind: Kind
    let text: String

    /// The cookie that carries this message to the next page of the session `nonce`.
    func cookie(key: SessionKey, nonce: String, secure: Bool) -> Cookie {
        let payload = Data("\(kind.rawValue)|\(text.prefix(Self.maxLength))".utf8).base64URL
        let value = payload + "." + key.sign("flash|\(nonce)|\(payload)")
        return Cookie(
            name: Self.cookie, value: value, maxAge: 120, path: "/", secure: secure, httpOnly: true,
            sameSite: .lax)
    }

    /// The message `request` carries for the session `nonce`, if its signature holds.
    static func read(_ request: Request, key: SessionKey, nonce: String) -> Flash? {
        guard let value = request.cookies[cookie]?.value else { return nil }
        let parts = value.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, key.verify("flash|\(nonce)|\(parts[0])", signature: parts[1]),
            let data = Data(base64URL: parts[0]), let text = String(data: data, encoding: .utf8),
            let bar = text.firstIndex(of: "|"), let kind = Kind(rawValue: String(text[..<bar]))
        else { return nil }
        return Flash(kind: kind, text: String(text[text.index(after: bar)...]))
    }

    /// Removes the message once shown.
    static func cleared(secure: Bool) -> Cookie {
        Cookie(
            name: cookie, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

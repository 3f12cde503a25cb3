import Foundation
import Hummingbird

/// What one sign-in through the provider must find again when the browser comes
/// back: the `state` and `nonce` sent, the PKCE verifier, the page to return to.
/// It travels in a cookie signed with the session key, valid for ten minutes, so
/// the server keeps nothing per attempt; the callback clears it, so it serves once.
struct OIDCSignInState: Equatable, Sendable {
    static let cookieName = "glimlach_oidc"
    static let lifetime: TimeInterval = 600

    let state: String
    let nonce: String
    let verifier: String
    let next: String
    let expires: Int64

    /// A new attempt returning to `next`.
    static func new(next: String, now: Date = Date()) -> OIDCSignInState {
        OIDCSignInState(
            state: randomToken(bytes: 24), nonce: randomToken(bytes: 24), verifier: PKCE.verifier(), next: next,
            expires: Int64(now.timeIntervalSince1970 + lifetime))
    }

    /// The signed cookie holding this attempt.
    func cookie(key: SessionKey, secure: Bool) -> Cookie {
        let payload = Data([state, nonce, verifier, String(expires), next].joined(separator: "|").utf8).base64URL
        let value = payload + "." + key.sign("oidc|" + payload)
        return Cookie(
            name: Self.cookieName, value: value, maxAge: Int(Self.lifetime), path: "/signin/oidc", secure: secure,
            httpOnly: true, sameSite: .lax)
    }

    /// Clears the cookie in the browser.
    static func clearedCookie(secure: Bool) -> Cookie {
        Cookie(
            name: cookieName, value: "", maxAge: 0, path: "/signin/oidc", secure: secure, httpOnly: true,
            sameSite: .lax)
    }

    /// The attempt of `request`'s cookie when its signature holds and it has not expired.
    static func read(_ request: Request, key: SessionKey, now: Date = Date()) -> OIDCSignInState? {
        guard let value = request.cookies[cookieName]?.value else { return nil }
        let parts = value.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, key.verify("oidc|" + parts[0], signature: parts[1]),
            let data = Data(base64URL: parts[0]), let text = String(data: data, encoding: .utf8)
        else { return nil }
        // The page comes last: it may itself hold a "|".
        let fields = text.split(separator: "|", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 5, let expires = Int64(fields[3]), expires > Int64(now.timeIntervalSince1970) else {
            return nil
        }
        return OIDCSignInState(
            state: fields[0], nonce: fields[1], verifier: fields[2], next: fields[4], expires: expires)
    }
}

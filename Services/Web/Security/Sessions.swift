import Foundation
import Hummingbird

/// Signed cookies: the dashboard session, and the anonymous "visitor" cookie that
/// CSRF tokens of the sign-in and survey forms are bound to.
///
/// A session cookie is `name|expiresUnix|nonce` base64url-encoded plus `.` and its
/// HMAC; the server keeps only the sessions signed out before they expired
/// (`RevokedSessions`). A CSRF token is the HMAC of the form's purpose
/// and the cookie's nonce: a page from another site cannot read the cookie, so it
/// cannot forge the token (the double-submit pattern, signed).
struct Sessions: Sendable {
    static let sessionCookie = "glimlach_session"
    static let visitorCookie = "glimlach_visitor"
    static let lifetime: TimeInterval = 12 * 3600

    let key: SessionKey
    let secure: Bool
    var revoked = RevokedSessions()

    struct Session: Sendable, Equatable {
        let user: String
        let expires: Int64
        let nonce: String
    }

    /// The signed-in user of `request`, if its session cookie is valid, not expired and not signed out.
    func session(_ request: Request, now: Date = Date()) -> Session? {
        guard let cookie = request.cookies[Self.sessionCookie]?.value else { return nil }
        let parts = cookie.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, key.verify("session|" + parts[0], signature: parts[1]),
            let data = Data(base64URL: parts[0]), let text = String(data: data, encoding: .utf8)
        else { return nil }
        let fields = text.split(separator: "|").map(String.init)
        guard fields.count == 3, let expires = Int64(fields[1]), expires > Int64(now.timeIntervalSince1970) else {
            return nil
        }
        let session = Session(user: fields[0], expires: expires, nonce: fields[2])
        return revoked.contains(session) ? nil : session
    }

    /// A new session cookie for `user`.
    func sessionCookie(for user: String, now: Date = Date()) -> Cookie {
        let expires = Int64(now.timeIntervalSince1970 + Self.lifetime)
        let payload = Data("\(user)|\(expires)|\(randomToken())".utf8).base64URL
        let value = payload + "." + key.sign("session|" + payload)
        return cookie(Self.sessionCookie, value, maxAge: Int(Self.lifetime))
    }

    /// Ends the session in the browser.
    func clearedSessionCookie() -> Cookie { cookie(Self.sessionCookie, "", maxAge: 0) }

    /// The visitor nonce of `request`, or a new one that the response must set.
    func visitor(_ request: Request) -> (nonce: String, cookie: Cookie?) {
        if let nonce = request.cookies[Self.visitorCookie]?.value, nonce.count >= 16 { return (nonce, nil) }
        let nonce = randomToken()
        return (nonce, cookie(Self.visitorCookie, nonce, maxAge: nil))
    }

    /// The CSRF token for a form of `purpose` bound to `nonce`.
    func csrf(_ purpose: String, nonce: String) -> String { key.sign("csrf|\(purpose)|\(nonce)") }

    /// Whether `token` is the CSRF token for `purpose` and `nonce`.
    func checkCSRF(_ token: String?, purpose: String, nonce: String?) -> Bool {
        guard let token, let nonce, !token.isEmpty else { return false }
        return key.verify("csrf|\(purpose)|\(nonce)", signature: token)
    }

    private func cookie(_ name: String, _ value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

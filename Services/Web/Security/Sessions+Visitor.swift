import Hummingbird

extension Sessions {
    /// The visitor's id as other services see it (the chat's handle and
    /// conversation): derived from the `glimlach_visitor` cookie with the session
    /// key, so it names the browser without giving away the cookie, which also binds
    /// the visitor's CSRF tokens. nil without the cookie.
    func visitorID(_ request: Request) -> String? {
        guard let nonce = request.cookies[Self.visitorCookie]?.value, nonce.count >= 16 else { return nil }
        return visitorID(nonce: nonce)
    }

    /// The visitor id of the cookie value `nonce`.
    func visitorID(nonce: String) -> String { "visitor-" + key.sign("visitor|" + nonce).prefix(22) }
}

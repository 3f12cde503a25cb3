import Bus
import Contract
import Foundation
import Hummingbird

/// `/signin` and `/signout`: employees sign in as themselves with their e-mail and
/// the password staff keeps (`Staff.SignIn`); operators from the users file with
/// their name, bcrypt-checked here. The session is a signed cookie naming the user
/// (`Sessions.Session.employeeID` for an employee). The sign-in form's CSRF token is
/// bound to the visitor cookie, the sign-out form's to the session.
struct SignInRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    func register(on router: Router<WebRequestContext>) {
        router.get("/signin") { request, _ in
            form(request, next: Self.safeNext(request.uri.queryParameters["next"].map(String.init)))
        }
        router.post("/signin") { request, context in try await signIn(request, peer: context.peer) }
        router.post("/signout") { request, _ in try await signOut(request) }
    }

    private func form(_ request: Request, next: String, error: String? = nil, status: HTTPResponse.Status = .ok)
        -> Response
    {
        let visitor = settings.sessions.visitor(request)
        let csrf = settings.sessions.csrf("signin", nonce: visitor.nonce)
        let context = PageContext(request)
        var values: [String: Any] = ["csrf": csrf, "next": next]
        if let error { values["error"] = error }
        if let oidc = settings.oidc {
            let encoded = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            values["oidc"] = [
                "href": "/signin/oidc?next=\(encoded)",
                "label": context.t.format("signin_with", ["provider": oidc.name]),
            ]
        }
        return HTML.page("signin", values, title: context.t["signin_title"], context: context, status: status)
            .setting(visitor.cookie)
    }

    private func signIn(_ request: Request, peer: String) async throws -> Response {
        let form = try await Form.read(request)
        let next = Self.safeNext(form["next"])
        let nonce = request.cookies[Sessions.visitorCookie]?.value
        let t = PageContext(request).t
        guard settings.sessions.checkCSRF(form["csrf"], purpose: "signin", nonce: nonce) else {
            return self.form(request, next: next, error: t["signin_expired"], status: .forbidden)
        }
        let name = form["name"] ?? ""
        // Checked before bcrypt, so a flood of guesses costs no hashing.
        if let wait = settings.signInThrottle.wait(name: name, address: peer) {
            let minutes = max(1, Int((wait / 60).rounded(.up)))
            let error = t.format(
                minutes == 1 ? "signin_throttled_one" : "signin_throttled", ["minutes": String(minutes)])
            var response = self.form(request, next: next, error: error, status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        let user: String?
        do { user = try await verify(name: name, password: form["password"] ?? "") } catch let error as RPCError {
            let message = t.format("signin_unavailable", ["reason": error.message])
            return self.form(request, next: next, error: message, status: .serviceUnavailable)
        }
        guard let user else {
            settings.signInThrottle.failed(name: name, address: peer)
            return self.form(request, next: next, error: t["signin_wrong"], status: .unauthorized)
        }
        settings.signInThrottle.succeeded(name: name)
        var response = Response.redirect(to: next, type: .normal)
        response.setCookie(settings.sessions.sessionCookie(for: user))
        return response
    }

    /// The session user for `name` and `password`: an operator of the users file, or
    /// (for an e-mail) the employee staff signs in; nil when neither matches.
    /// - Throws: the `RPCError` of a staff that cannot answer.
    private func verify(name: String, password: String) async throws -> String? {
        if await settings.users.verify(name: name, password: password) { return name }
        guard name.contains("@") else { return nil }
        do {
            let account = try await client.call(
                Staff.signIn, .init(email: name, password: password),
                options: CallOptions(timeout: settings.callTimeout)
            ).account
            return account?.employee_id.map { Sessions.Session.employeePrefix + $0 }
        } catch let error as RPCError where [.unauthenticated, .invalidArgument].contains(error.code) {
            return nil
        }
    }

    private func signOut(_ request: Request) async throws -> Response {
        let form = try await Form.read(request)
        guard let session = settings.sessions.session(request),
            settings.sessions.checkCSRF(form["csrf"], purpose: "signout", nonce: session.nonce)
        else {
            let context = PageContext(request)
            return HTML.message(
                title: context.t["signout_refused"], paragraphs: [], link: ("/dashboard", context.t["back"]),
                context: context, status: .forbidden)
        }
        // Revoked here as well as cleared in the browser: a copied cookie stops working.
        settings.revokedSessions.revoke(session)
        var response = Response.redirect(to: "/signin", type: .normal)
        response.setCookie(settings.sessions.clearedSessionCookie())
        return response
    }

    /// Only paths of this site: never an absolute URL or `//host` (no open redirect).
    /// Printable ASCII only: browsers drop tabs and newlines from a Location, so
    /// `/\t/evil.example` would become `//evil.example`; a backslash counts as a slash.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            next.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
        else { return "/dashboard" }
        return next
    }
}

extension Response {
    /// To the sign-in page, and back to `request`'s page (path and query) afterwards.
    static func signIn(returningTo request: Request) -> Response {
        let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        let encoded = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return Response.redirect(to: "/signin?next=\(encoded)", type: .normal)
    }
}

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
        let body = """
            <h1>Sign in</h1>
            <form method="post" action="/signin" class="card">
            \(HTML.hidden("csrf", csrf))\(HTML.hidden("next", next))
            \(error.map { #"<p class="error" role="alert">\#(HTML.escape($0))</p>"# } ?? "")
            <label for="name">E-mail</label><input type="text" id="name" name="name" autocomplete="username" required>
            <label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
            <p><button class="primary" type="submit">Sign in</button></p>
            </form>
            <p class="muted">Sign in with your work e-mail. The happiness dashboard is for team leads and the director of happy customers.</p>
            """
        return HTML.page("Sign in", body, status: status).setting(visitor.cookie)
    }

    private func signIn(_ request: Request, peer: String) async throws -> Response {
        let form = try await Form.read(request)
        let next = Self.safeNext(form["next"])
        let nonce = request.cookies[Sessions.visitorCookie]?.value
        guard settings.sessions.checkCSRF(form["csrf"], purpose: "signin", nonce: nonce) else {
            return self.form(
                request, next: next, error: "Your sign-in form had expired. Please try again.", status: .forbidden)
        }
        let name = form["name"] ?? ""
        // Checked before bcrypt, so a flood of guesses costs no hashing.
        if let wait = settings.signInThrottle.wait(name: name, address: peer) {
            let minutes = max(1, Int((wait / 60).rounded(.up)))
            let error = "Too many sign-in attempts. Try again in \(minutes) minute\(minutes == 1 ? "" : "s")."
            var response = self.form(request, next: next, error: error, status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        let user: String?
        do { user = try await verify(name: name, password: form["password"] ?? "") } catch let error as RPCError {
            let message = "Sign-in is not available right now (\(error.message)). Please try again shortly."
            return self.form(request, next: next, error: message, status: .serviceUnavailable)
        }
        guard let user else {
            settings.signInThrottle.failed(name: name, address: peer)
            return self.form(request, next: next, error: "Unknown name or wrong password.", status: .unauthorized)
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
        if settings.users.verify(name: name, password: password) { return name }
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
            return HTML.page(
                "Not signed out", "<h1>Not signed out</h1><p><a href=\"/dashboard\">Back</a></p>", status: .forbidden)
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

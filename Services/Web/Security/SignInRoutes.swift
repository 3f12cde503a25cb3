import Foundation
import Hummingbird

/// `/signin` and `/signout`: users from the users file, bcrypt-checked; the session
/// is a signed cookie. The sign-in form's CSRF token is bound to the visitor cookie,
/// the sign-out form's to the session.
struct SignInRoutes: Sendable {
    let settings: WebSettings

    func register(on router: Router<BasicRequestContext>) {
        router.get("/signin") { request, _ in form(request, next: Self.safeNext(request.uri.queryParameters["next"].map(String.init))) }
        router.post("/signin") { request, _ in try await signIn(request) }
        router.post("/signout") { request, _ in try await signOut(request) }
    }

    private func form(_ request: Request, next: String, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let visitor = settings.sessions.visitor(request)
        let csrf = settings.sessions.csrf("signin", nonce: visitor.nonce)
        let body = """
            <h1>Sign in</h1>
            <form method="post" action="/signin" class="card">
            \(HTML.hidden("csrf", csrf))\(HTML.hidden("next", next))
            \(error.map { #"<p class="error" role="alert">\#(HTML.escape($0))</p>"# } ?? "")
            <label for="name">Name</label><input type="text" id="name" name="name" autocomplete="username" required>
            <label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
            <p><button class="primary" type="submit">Sign in</button></p>
            </form>
            <p class="muted">The happiness dashboard is for team leads and the director of happy customers.</p>
            """
        return HTML.page("Sign in", body, status: status).setting(visitor.cookie)
    }

    private func signIn(_ request: Request) async throws -> Response {
        let form = try await Form.read(request)
        let next = Self.safeNext(form["next"])
        let nonce = request.cookies[Sessions.visitorCookie]?.value
        guard settings.sessions.checkCSRF(form["csrf"], purpose: "signin", nonce: nonce) else {
            return self.form(request, next: next, error: "Your sign-in form had expired. Please try again.", status: .forbidden)
        }
        let name = form["name"] ?? ""
        guard settings.users.verify(name: name, password: form["password"] ?? "") else {
            return self.form(request, next: next, error: "Unknown name or wrong password.", status: .unauthorized)
        }
        var response = Response.redirect(to: next, type: .normal)
        response.setCookie(settings.sessions.sessionCookie(for: name))
        return response
    }

    private func signOut(_ request: Request) async throws -> Response {
        let form = try await Form.read(request)
        guard let session = settings.sessions.session(request),
            settings.sessions.checkCSRF(form["csrf"], purpose: "signout", nonce: session.nonce)
        else { return HTML.page("Not signed out", "<h1>Not signed out</h1><p><a href=\"/dashboard\">Back</a></p>", status: .forbidden) }
        var response = Response.redirect(to: "/signin", type: .normal)
        response.setCookie(settings.sessions.clearedSessionCookie())
        return response
    }

    /// Only paths of this site: never an absolute URL or `//host` (no open redirect).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/dashboard" }
        return next
    }
}

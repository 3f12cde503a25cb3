import Bus
import Contract
import Foundation
import Hummingbird

/// `/signin/oidc` and its callback: sign-in through the company's OpenID Connect
/// provider (`OIDCSettings`), when configured. The browser goes to the provider with
/// a fresh state, nonce and PKCE challenge (kept in a signed cookie,
/// `OIDCSignInState`); on its way back the state must match, and `OIDCClient`
/// trades the code for an ID token and checks it. The person is then the active
/// employee whose staff e-mail is the provider's verified one; anyone else is
/// refused with a page saying why.
struct OIDCRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    static let callbackPath = "/signin/oidc/callback"

    func register(on router: Router<WebRequestContext>) {
        router.get("/signin/oidc") { request, _ in try await start(request) }
        router.get("/signin/oidc/callback") { request, _ in try await callback(request) }
    }

    private func start(_ request: Request) async throws -> Response {
        let context = PageContext(request)
        guard let oidc = settings.oidc else {
            return refused(context, context.t["oidc_not_configured"], status: .notFound)
        }
        let attempt = OIDCSignInState.new(
            next: SignInRoutes.safeNext(request.uri.queryParameters["next"].map(String.init)))
        let url: String
        do {
            url = try await OIDCClient(settings: oidc).authorizationURL(
                for: attempt, redirectURI: redirectURI(request, oidc))
        } catch let refusal as OIDCClient.Refusal {
            return refused(context, refusal.reason, status: .badGateway)
        }
        return Response.redirect(to: url, type: .normal)
            .setting(attempt.cookie(key: settings.key, secure: settings.secureCookies))
    }

    private func callback(_ request: Request) async throws -> Response {
        // The language switcher returns to the sign-in page, not to a spent code.
        let context = PageContext(language: Language(request), path: "/signin")
        guard let oidc = settings.oidc else {
            return refused(context, context.t["oidc_not_configured"], status: .notFound)
        }
        let query = request.uri.queryParameters
        guard let attempt = OIDCSignInState.read(request, key: settings.key) else {
            return refused(context, context.t["oidc_expired"], status: .badRequest)
        }
        // The attempt serves once, whatever comes of it.
        let cleared = OIDCSignInState.clearedCookie(secure: settings.secureCookies)
        guard query["state"].map(String.init) == attempt.state else {
            return refused(context, context.t["oidc_state"], status: .badRequest).setting(cleared)
        }
        if let error = query["error"] {
            let reason = [String(error), query["error_description"].map(String.init)].compactMap { $0 }
                .joined(separator: ": ")
            return refused(context, reason, status: .unauthorized).setting(cleared)
        }
        guard let code = query["code"].map(String.init), !code.isEmpty else {
            return refused(context, context.t["oidc_state"], status: .badRequest).setting(cleared)
        }
        let identity: OIDCClient.Identity
        do {
            identity = try await OIDCClient(settings: oidc).identity(
                code: code, attempt: attempt, redirectURI: redirectURI(request, oidc))
        } catch let refusal as OIDCClient.Refusal {
            return refused(context, refusal.reason, status: .unauthorized).setting(cleared)
        }
        let employee: String
        switch try await match(identity.email) {
        case .active(let id): employee = id
        case .inactive:
            let reason = context.t.format("oidc_inactive", ["email": identity.email])
            return refused(context, reason, status: .forbidden).setting(cleared)
        case .none:
            let reason = context.t.format("oidc_no_employee", ["email": identity.email])
            return refused(context, reason, status: .forbidden).setting(cleared)
        case .unavailable(let message):
            let reason = context.t.format("signin_unavailable", ["reason": message])
            return refused(context, reason, status: .serviceUnavailable).setting(cleared)
        }
        var response = Response.redirect(to: attempt.next, type: .normal)
        response.setCookie(cleared)
        response.setCookie(settings.sessions.sessionCookie(for: Sessions.Session.employeePrefix + employee))
        return response
    }

    private enum Match {
        case active(String)
        case inactive
        case none
        case unavailable(String)
    }

    /// The employee whose staff e-mail is `email` (any case) and whose account is
    /// active; a rehired person may have an old record beside the new one.
    private func match(_ email: String) async throws -> Match {
        let options = CallOptions(timeout: settings.callTimeout)
        do {
            let found = try await client.call(Staff.listEmployees, .init(text: email, page_size: 50), options: options)
                .employees.filter { $0.email?.lowercased() == email.lowercased() }
            for employee in found {
                guard let id = employee.employee_id else { continue }
                let account = try await client.call(Staff.getAccount, .init(employee_id: id), options: options).account
                if account?.active == true { return .active(id) }
            }
            return found.isEmpty ? .none : .inactive
        } catch let error as RPCError {
            return .unavailable(error.message)
        }
    }

    private func redirectURI(_ request: Request, _ oidc: OIDCSettings) -> String {
        oidc.redirectURI ?? request.origin(secure: settings.secureCookies) + Self.callbackPath
    }

    private func refused(_ context: PageContext, _ reason: String, status: HTTPResponse.Status) -> Response {
        let provider = settings.oidc?.name ?? ""
        return HTML.message(
            title: context.t.format("oidc_refused", ["provider": provider]), paragraphs: [reason],
            link: ("/signin", context.t["signin_title"]), context: context, status: status)
    }
}

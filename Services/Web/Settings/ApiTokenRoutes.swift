import Bus
import Contract
import Foundation
import Hummingbird

/// `/settings/api-tokens`: the director of happy customers makes, sees and revokes
/// the API tokens other systems use (staff's `CreateApiToken`, `ListApiTokens`,
/// `RevokeApiToken`, which decide again who may). A new token's secret is shown on
/// the page that answers the form, once: it never goes into a cookie or a redirect.
/// Revoking asks first on a page of its own (`GET .../{id}/revoke`), then posts.
/// Anyone else signed in gets a 403 page; operators of the users file too.
struct ApiTokenRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    /// The CSRF purpose of the page's forms, bound to the session.
    static let csrfPurpose = "api-tokens"
    static let path = "/settings/api-tokens"

    func register(on router: Router<WebRequestContext>) {
        router.get("/settings/api-tokens") { request, context in try await list(request, context) }
        router.post("/settings/api-tokens") { request, context in try await create(request, context) }
        router.get("/settings/api-tokens/:id/revoke") { request, context in
            try await confirmRevoke(request, context, id: context.parameters.get("id") ?? "")
        }
        router.post("/settings/api-tokens/:id/revoke") { request, context in
            try await revoke(request, context, id: context.parameters.get("id") ?? "")
        }
    }

    private func list(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let calls: AgentCalls
        switch await director(request, context) {
        case .success(let found): calls = found
        case .failure(let refused): return refused.response
        }
        var page = ApiTokenPage(context: PageContext(request), timeZone: settings.timeZone)
        let nonce = settings.sessions.session(request)?.nonce ?? ""
        let flash = Flash.read(request, key: settings.key, nonce: nonce)
        if let flash, flash.kind == .alert { page.error = flash.text } else if let flash { page.notice = flash.text }
        let response = await render(page, calls: calls, request: request)
        return flash == nil ? response : response.setting(Flash.cleared(secure: settings.secureCookies))
    }

    private func create(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let form = try await Form.read(request)
        let calls: AgentCalls
        switch await director(request, context) {
        case .success(let found): calls = found
        case .failure(let refused): return refused.response
        }
        var page = ApiTokenPage(context: PageContext(request), timeZone: settings.timeZone, form: ApiTokenForm(form))
        let nonce = settings.sessions.session(request)?.nonce ?? ""
        guard settings.sessions.checkCSRF(form["csrf"], purpose: Self.csrfPurpose, nonce: nonce) else {
            page.error = page.t["api_tokens_form_expired"]
            return await render(page, calls: calls, request: request, status: .forbidden)
        }
        do {
            let reply = try await calls.call(
                Staff.createApiToken, try page.form.request(page.t), key: form["once"].map { "web-form-" + $0 })
            if let token = reply.token { page.made = (token, reply.secret) }
            page.form = ApiTokenForm()
        } catch let error as FormError {
            page.error = error.message
            return await render(page, calls: calls, request: request, status: .badRequest)
        } catch let error as RPCError {
            page.error = WorkspaceRefusal.text(error, page.t)
            return await render(page, calls: calls, request: request, status: Self.status(of: error))
        }
        return await render(page, calls: calls, request: request)
    }

    private func confirmRevoke(_ request: Request, _ context: WebRequestContext, id: String) async throws -> Response {
        let calls: AgentCalls
        switch await director(request, context) {
        case .success(let found): calls = found
        case .failure(let refused): return refused.response
        }
        let page = PageContext(request)
        let token: Staff.ApiToken?
        do {
            token = try await calls.call(Staff.listApiTokens, .init(include_revoked: true, page_size: 500)).tokens
                .first { $0.token_id == id }
        } catch let error as RPCError {
            return HTML.message(
                title: page.t["api_tokens_title"], paragraphs: [WorkspaceRefusal.text(error, page.t)],
                link: (Self.path, page.t["api_tokens_back"]), context: page, status: Self.status(of: error))
        }
        guard let token, token.revoked_at_ms == nil else {
            return HTML.message(
                title: page.t["api_tokens_no_such_token"], paragraphs: [],
                link: (Self.path, page.t["api_tokens_back"]), context: page, status: .notFound)
        }
        let nonce = settings.sessions.session(request)?.nonce ?? ""
        let values: [String: Any] = [
            "id": id, "csrf": settings.sessions.csrf(Self.csrfPurpose, nonce: nonce), "once": randomToken(),
            "question": page.t.format(
                "api_tokens_revoke_text", ["name": token.name ?? "", "prefix": token.prefix ?? ""]),
        ]
        return HTML.page("api-token-revoke", values, title: page.t["api_tokens_revoke_title"], context: page)
    }

    private func revoke(_ request: Request, _ context: WebRequestContext, id: String) async throws -> Response {
        let calls: AgentCalls
        switch await director(request, context) {
        case .success(let found): calls = found
        case .failure(let refused): return refused.response
        }
        return try await settings.formPost(
            request, purpose: Self.csrfPurpose, back: Self.path, expired: "api_tokens_form_expired",
            backLabel: "api_tokens_back"
        ) { _, key, page in
            let token = try await calls.call(Staff.revokeApiToken, .init(token_id: id), key: key).token
            return page.t.format("api_tokens_revoked", ["name": token?.name ?? id])
        }
    }

    /// The page with every token (revoked ones too), or staff's refusal in its place.
    private func render(
        _ page: ApiTokenPage, calls: AgentCalls, request: Request, status: HTTPResponse.Status = .ok
    ) async -> Response {
        var page = page
        var status = status
        do {
            page.tokens = try await calls.call(Staff.listApiTokens, .init(include_revoked: true, page_size: 500)).tokens
        } catch let error as RPCError {
            if page.error == nil {
                (page.error, status) = (WorkspaceRefusal.text(error, page.t), Self.status(of: error))
            }
        } catch {
            if page.error == nil { (page.error, status) = ("\(error)", .serviceUnavailable) }
        }
        let nonce = settings.sessions.session(request)?.nonce ?? ""
        return page.render(
            csrf: settings.sessions.csrf(Self.csrfPurpose, nonce: nonce), once: randomToken(), status: status)
    }

    /// The director's bus calls, or the page to answer instead: the sign-in form, a
    /// 403 for operators and for every other role, or staff not answering.
    private func director(_ request: Request, _ context: WebRequestContext) async -> Result<AgentCalls, NotAnAgent> {
        let calls: AgentCalls
        do { calls = try settings.agentCalls(request, client: client) } catch { return .failure(error) }
        let page = PageContext(request)
        var role = context.account.flatMap { $0.employee_id == calls.agent ? $0.role : nil }
        if role == nil {
            do {
                role = try await calls.call(Staff.getEmployee, .init(employee_id: calls.agent)).employee?.role
            } catch {
                let reason = (error as? RPCError).map { WorkspaceRefusal.text($0, page.t) } ?? "\(error)"
                return .failure(
                    NotAnAgent(
                        response: HTML.message(
                            title: page.t["api_tokens_title"], paragraphs: [reason], context: page,
                            status: .serviceUnavailable)))
            }
        }
        guard role == .directorOfHappyCustomers else {
            return .failure(
                NotAnAgent(
                    response: HTML.message(
                        title: page.t["api_tokens_title"], paragraphs: [page.t["api_tokens_directors_only"]],
                        link: ("/dashboard", page.t["back_to_dashboard"]), context: page, status: .forbidden)))
        }
        return .success(calls)
    }

    private static func status(of error: RPCError) -> HTTPResponse.Status {
        switch error.code {
        case .permissionDenied: .forbidden
        case .notFound: .notFound
        case .invalidArgument, .failedPrecondition: .badRequest
        default: .serviceUnavailable
        }
    }
}

import Bus
import Contract
import Foundation
import Hummingbird

/// Invitations by link. `/invitations`: HR or the director (signed in as
/// themselves) picks an employee and gets a link to copy, made by staff's
/// `InviteEmployee`, which also decides who may invite. Glimlach sends no e-mail
/// yet: the inviter passes the link on, and the page says so. `/invite/{token}`:
/// the employee chooses a password (`AcceptAccountInvitation`, once) and is signed
/// in; a used, replaced, expired or unknown link gets a page saying which.
struct InvitationRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    func register(on router: Router<WebRequestContext>) {
        router.get("/invitations") { request, _ in try await inviteForm(request) }
        router.post("/invitations") { request, _ in try await invite(request) }
        router.get("/invite/:token") { request, context in
            try await acceptForm(request, token: context.parameters.get("token") ?? "")
        }
        router.post("/invite/:token") { request, context in
            try await accept(request, token: context.parameters.get("token") ?? "")
        }
    }

    private var options: CallOptions { CallOptions(timeout: settings.callTimeout) }

    // MARK: - Inviting

    private func inviteForm(_ request: Request) async throws -> Response {
        guard let session = settings.sessions.session(request) else { return .signIn(returningTo: request) }
        let context = PageContext(request)
        guard session.employeeID != nil else {
            return invitePage(context, error: context.t["invite_employees_only"], status: .forbidden)
        }
        let chosen = request.uri.queryParameters["employee"].map(String.init)
        return try await invitePage(context, session: session, chosen: chosen)
    }

    private func invite(_ request: Request) async throws -> Response {
        let form = try await Form.read(request)
        guard let session = settings.sessions.session(request) else { return .signIn(returningTo: request) }
        let context = PageContext(request)
        guard session.employeeID != nil else {
            return invitePage(context, error: context.t["invite_employees_only"], status: .forbidden)
        }
        guard settings.sessions.checkCSRF(form["csrf"], purpose: "invite", nonce: session.nonce) else {
            return try await invitePage(context, session: session, error: context.t["signin_expired"], .forbidden)
        }
        let reply: Staff.InviteEmployeeReply
        do {
            reply = try await client.call(Staff.inviteEmployee, .init(employee_id: form["employee"]), options: options)
        } catch let error as RPCError {
            return try await invitePage(
                context, session: session, chosen: form["employee"], error: error.message, Self.status(of: error))
        }
        let link = request.origin(secure: settings.secureCookies) + "/invite/" + (reply.token ?? "")
        let expires = Date(timeIntervalSince1970: Double(reply.invitation?.expires_at_ms ?? 0) / 1000)
        let done: [String: Any] = [
            "link": link, "name": reply.invitation?.name ?? "", "email": reply.invitation?.email ?? "",
            "expires": context.language.dateTime(expires, in: settings.timeZone),
        ]
        return try await invitePage(context, session: session, done: done)
    }

    /// The form (employees who may sign in), the link just made, or why not.
    private func invitePage(
        _ context: PageContext, session: Sessions.Session, chosen: String? = nil, done: [String: Any]? = nil,
        error: String? = nil, _ status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var employees: [Staff.Employee] = []
        var message = error
        var status = status
        do {
            employees = try await client.call(
                Staff.listEmployees, .init(statuses: [.onboarding, .probation, .active], page_size: 500),
                options: options
            ).employees
        } catch let refusal as RPCError {
            if message == nil { (message, status) = (refusal.message, Self.status(of: refusal)) }
        }
        let rows: [[String: Any]] = employees.filter { $0.email != nil }.map { employee in
            [
                "id": employee.employee_id ?? "", "label": "\(employee.name ?? "") · \(employee.email ?? "")",
                "selected": employee.employee_id == chosen,
            ]
        }
        return invitePage(
            context, csrf: settings.sessions.csrf("invite", nonce: session.nonce), employees: rows, done: done,
            error: message, status: status)
    }

    private func invitePage(
        _ context: PageContext, csrf: String? = nil, employees: [[String: Any]] = [], done: [String: Any]? = nil,
        error: String? = nil, status: HTTPResponse.Status
    ) -> Response {
        var values: [String: Any] = ["employees": employees]
        if let csrf { values["csrf"] = csrf }
        if let done { values["done"] = done }
        if let error { values["error"] = error }
        return HTML.page("invitations", values, title: context.t["invite_title"], context: context, status: status)
    }

    // MARK: - Accepting

    private func acceptForm(_ request: Request, token: String) async throws -> Response {
        let context = PageContext(request)
        do {
            let invitation = try await client.call(Staff.getAccountInvitation, .init(token: token), options: options)
                .invitation
            return acceptPage(request, context, token: token, invitation: invitation)
        } catch let error as RPCError {
            return refused(context, error)
        }
    }

    private func accept(_ request: Request, token: String) async throws -> Response {
        let form = try await Form.read(request)
        let context = PageContext(request)
        let nonce = request.cookies[Sessions.visitorCookie]?.value
        let invitation: Staff.AccountInvitation?
        do {
            invitation = try await client.call(Staff.getAccountInvitation, .init(token: token), options: options)
                .invitation
        } catch let error as RPCError {
            return refused(context, error)
        }
        guard settings.sessions.checkCSRF(form["csrf"], purpose: "invite", nonce: nonce) else {
            return acceptPage(
                request, context, token: token, invitation: invitation, error: context.t["signin_expired"], .forbidden)
        }
        guard form["password"] == form["again"] else {
            return acceptPage(
                request, context, token: token, invitation: invitation, error: context.t["invite_mismatch"],
                .badRequest)
        }
        let account: Staff.Account?
        do {
            account = try await client.call(
                Staff.acceptAccountInvitation, .init(token: token, password: form["password"]), options: options
            ).account
        } catch let error as RPCError where error.code == .invalidArgument {
            return acceptPage(request, context, token: token, invitation: invitation, error: error.message, .badRequest)
        } catch let error as RPCError {
            return refused(context, error)
        }
        var response = Response.redirect(to: "/dashboard", type: .normal)
        if let employee = account?.employee_id {
            response.setCookie(settings.sessions.sessionCookie(for: Sessions.Session.employeePrefix + employee))
        }
        return response
    }

    /// The form to choose a password, for the visitor (CSRF bound to their cookie).
    private func acceptPage(
        _ request: Request, _ context: PageContext, token: String, invitation: Staff.AccountInvitation?,
        error: String? = nil, _ status: HTTPResponse.Status = .ok
    ) -> Response {
        let visitor = settings.sessions.visitor(request)
        var values: [String: Any] = [
            "csrf": settings.sessions.csrf("invite", nonce: visitor.nonce), "token": token,
            "hello": context.t.format("invite_hello", ["name": invitation?.name ?? ""]),
            "email": invitation?.email ?? "",
        ]
        if let error { values["error"] = error }
        return HTML.page("invite", values, title: context.t["invite_accept_title"], context: context, status: status)
            .setting(visitor.cookie)
    }

    /// A link that no longer works (or never did), or a staff that cannot answer.
    private func refused(_ context: PageContext, _ error: RPCError) -> Response {
        let t = context.t
        let (title, text, status): (String, String, HTTPResponse.Status) =
            switch error.code {
            case .failedPrecondition where error.message.contains("expired"):
                (t["invite_expired_title"], t["invite_expired_text"], .gone)
            case .failedPrecondition where error.message.contains("already used"):
                (t["invite_used_title"], t["invite_used_text"], .gone)
            case .failedPrecondition:
                (t["invite_closed_title"], error.message, .gone)
            case .notFound, .invalidArgument: (t["invite_unknown_title"], t["invite_unknown_text"], .notFound)
            default:
                (t["invite_unknown_title"], t.format("not_available", ["reason": error.message]), .serviceUnavailable)
            }
        return HTML.message(
            title: title, paragraphs: [text], link: ("/signin", t["signin_title"]), context: context, status: status)
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

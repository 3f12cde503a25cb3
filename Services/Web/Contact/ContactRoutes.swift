import Bus
import Contract
import Hummingbird

/// `/contact`: the public contact form (no sign-in). Its CSRF token is bound to the
/// visitor cookie; a post goes to channels' `ReceiveMessage` as a WEB_FORM message
/// from the typed address, keyed by the form's own token, so a double post (two
/// taps, a reload of the thank-you) records one message and shows the same ticket.
/// The thank-you is the post's answer: it shows the reference channels returned.
struct ContactRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    func register(on router: Router<WebRequestContext>) {
        router.get("/contact") { request, _ in show(request) }
        router.post("/contact") { request, _ in try await send(request) }
    }

    func show(_ request: Request) -> Response {
        let visitor = settings.sessions.visitor(request)
        var form = ContactForm()
        form.once = randomToken()
        return ContactPages.form(
            form, csrf: settings.sessions.csrf("contact", nonce: visitor.nonce), context: PageContext(request)
        ).setting(visitor.cookie)
    }

    func send(_ request: Request) async throws -> Response {
        let posted = try await Form.read(request)
        let context = PageContext(request)
        let t = context.t
        var form = ContactForm(posted)
        let nonce = request.cookies[Sessions.visitorCookie]?.value
        guard let nonce, settings.sessions.checkCSRF(posted["csrf"], purpose: "contact", nonce: nonce) else {
            // A stale or forged form: a fresh one, with what was typed, to send again.
            let visitor = settings.sessions.visitor(request)
            form.once = randomToken()
            return ContactPages.form(
                form, csrf: settings.sessions.csrf("contact", nonce: visitor.nonce), alert: t["contact_unchecked"],
                context: context, status: .forbidden
            ).setting(visitor.cookie)
        }
        if form.once.count < 16 { form.once = randomToken() }
        let csrf = posted["csrf"] ?? ""
        let problems = form.problems(t)
        guard problems.isEmpty else {
            return ContactPages.form(form, csrf: csrf, problems: problems, context: context, status: .badRequest)
        }
        let message = Channels.ReceiveMessageRequest(
            channel: .webForm, handle: form.email, name: form.name, language: context.language.rawValue,
            subject: form.subject.isEmpty ? nil : form.subject, body: form.message,
            external_id: "form:\(settings.sessions.visitorID(nonce: nonce)):\(form.once)")
        do {
            let reply = try await client.call(
                Channels.receiveMessage, message, options: .init(timeout: settings.callTimeout))
            return ContactPages.thanks(email: form.email, ticketID: reply.ticket_id ?? "", context: context)
        } catch let error as RPCError where error.code == .invalidArgument {
            // Channels' own checks, named by its field: the address is the handle.
            let field = Self.formField(ofServiceMessage: error.message)
            var problems: [String: String] = [:]
            if let field {
                let label = ContactForm.fields.first { $0.name == field }.map { t[$0.label] } ?? field
                problems[field] = t.format("contact_error_refused", ["field": label])
            }
            return ContactPages.form(
                form, csrf: csrf, problems: problems, alert: field == nil ? t["contact_unavailable"] : nil,
                context: context, status: .badRequest)
        } catch {
            return ContactPages.form(
                form, csrf: csrf, alert: t["contact_unavailable"], context: context, status: .serviceUnavailable)
        }
    }

    /// The form's field behind a channels message such as `handle: ...`.
    static func formField(ofServiceMessage message: String) -> String? {
        let field = message.prefix { $0 != ":" }
        switch field {
        case "handle": return "email"
        case "name": return "name"
        case "subject": return "subject"
        case "body": return "message"
        default: return nil
        }
    }
}

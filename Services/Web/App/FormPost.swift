import Bus
import Hummingbird

/// A field the form must fill, as the page names it (shown like a service's refusal).
struct FormError: Error {
    let message: String
}

extension WebSettings {
    /// A page's form post: checks the session's CSRF token for `purpose` (a 403 page
    /// titled `expired` with a link back otherwise), runs `action` with the form and
    /// its idempotency key (the form's `once` field), and goes back to `back` (303)
    /// with a one-time flash: the notice `action` returns, or the refusal it throws
    /// (a service's `RPCError` or a `FormError`).
    func formPost(
        _ request: Request, purpose: String, back: String, expired: String, backLabel: String,
        _ action: (_ form: Form, _ key: String?, _ page: PageContext) async throws -> String
    ) async throws -> Response {
        let form = try await Form.read(request)
        let page = PageContext(request)
        let nonce = sessions.session(request)?.nonce ?? ""
        guard sessions.checkCSRF(form["csrf"], purpose: purpose, nonce: nonce) else {
            return HTML.message(
                title: page.t[expired], paragraphs: [], link: (back, page.t[backLabel]), context: page,
                status: .forbidden)
        }
        let flash: Flash
        do {
            flash = Flash(kind: .notice, text: try await action(form, form["once"].map { "web-form-" + $0 }, page))
        } catch let error as RPCError {
            flash = Flash(kind: .alert, text: WorkspaceRefusal.text(error, page.t))
        } catch let error as FormError {
            flash = Flash(kind: .alert, text: error.message)
        }
        var response = Response.redirect(to: back, type: .normal)
        response.setCookie(flash.cookie(key: key, nonce: nonce, secure: secureCookies))
        return response
    }
}

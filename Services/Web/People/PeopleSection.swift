import Bus
import Contract
import Foundation
import Hummingbird

/// What the people pages share: who is looking, the section's links for their
/// role, and the forms' round trip. Each form carries the session's CSRF token
/// (purpose `people`) and a per-form `once` key sent as the call's idempotency key
/// (a double post does it once), then goes back (303) to its page, which shows once
/// what was done (`role="status"`) or staff's refusal in its own words
/// (`role="alert"`), carried in the flash cookie as on the ticket page.
struct PeopleSection: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    /// The CSRF purpose of the people forms, bound to the session.
    static let csrfPurpose = "people"

    /// The pages of the section, in the order of its links.
    enum Page: String, CaseIterable, Sendable {
        case people, compliments, pulse, hiring

        var href: String { self == .people ? "/people" : "/people/\(rawValue)" }

        /// Whether `viewer` gets a link to it: the hiring pipeline is for HR, the director and leads.
        func shown(to viewer: PeopleViewer) -> Bool { self != .hiring || viewer.hires }
    }

    /// What a form asks of staff, as the viewer; returns the notice to show, or
    /// throws staff's refusal (`RPCError`) or the form's own (`FormError`).
    typealias Action =
        @Sendable (_ form: Form, _ viewer: PeopleViewer, _ key: String?, _ t: Messages) async throws -> String

    /// The viewer of `request`, or the page to answer instead (sign-in, operators' 403,
    /// staff not answering).
    func viewer(_ request: Request, _ context: WebRequestContext) async -> Result<PeopleViewer, Refused> {
        if let session = settings.sessions.session(request), session.employeeID == nil {
            let page = PageContext(request)
            return .failure(
                Refused(
                    response: HTML.message(
                        title: page.t["people_title"], paragraphs: [page.t["people_employees_only"]], context: page,
                        status: .forbidden)))
        }
        do {
            return .success(try await PeopleViewer.of(request, context, settings: settings, client: client))
        } catch let refusal as NotAnAgent {
            return .failure(Refused(response: refusal.response))
        } catch {
            let page = PageContext(request)
            let reason = (error as? RPCError)?.message ?? "\(error)"
            return .failure(
                Refused(
                    response: HTML.message(
                        title: page.t["people_title"], paragraphs: [page.t.format("not_available", ["reason": reason])],
                        context: page, status: .serviceUnavailable)))
        }
    }

    /// The response a page gives instead of its content.
    struct Refused: Error {
        let response: Response
    }

    /// `template` in the layout with the section's links (`current` marked), the
    /// forms' CSRF token and `once` key, and the flash the last form left.
    func render(
        _ template: String, _ values: [String: Any], title: String, current: Page?, viewer: PeopleViewer,
        request: Request, status: HTTPResponse.Status = .ok
    ) -> Response {
        let context = PageContext(request)
        let nonce = settings.sessions.session(request)?.nonce ?? ""
        var values = values
        values["nav"] = Page.allCases.filter { $0.shown(to: viewer) }.map { page -> [String: Any] in
            ["href": page.href, "label": context.t["people_nav_\(page.rawValue)"], "current": page == current]
        }
        values["csrf"] = settings.sessions.csrf(Self.csrfPurpose, nonce: nonce)
        values["once"] = randomToken()
        let flash = Flash.read(request, key: settings.key, nonce: nonce)
        if let flash { values[flash.kind == .alert ? "alert" : "notice"] = flash.text }
        let response = HTML.page(template, values, title: title, context: context, status: status)
        return flash == nil ? response : response.setting(Flash.cleared(secure: settings.secureCookies))
    }

    /// A form's post: checks the CSRF token, runs `action` as the viewer with the
    /// form's `once` key, and goes back to `back` with what was done or why not.
    func post(_ request: Request, _ context: WebRequestContext, back: String, _ action: Action) async throws
        -> Response
    {
        let viewer: PeopleViewer
        switch await self.viewer(request, context) {
        case .success(let found): viewer = found
        case .failure(let refused): return refused.response
        }
        return try await settings.formPost(
            request, purpose: Self.csrfPurpose, back: back, expired: "people_form_expired", backLabel: "back"
        ) { form, key, page in try await action(form, viewer, key, page.t) }
    }
}

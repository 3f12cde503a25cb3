import Bus
import Contract
import Foundation
import Hummingbird

/// `/wall`: the compliment wall and the WOW stories, newest first and paged, where
/// an employee reacts to a story; `/wall/screen`: the latest quotes full-screen for
/// the office ("quote tree"). For signed-in users only; anyone else is sent to
/// `/signin` and back here afterwards.
struct WallRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    func register(on router: Router<WebRequestContext>) {
        router.get("/wall") { request, _ in try await wall(request) }
        router.get("/wall/screen") { request, _ in try await screen(request) }
        router.post("/wall/stories/:story/react") { request, context in
            try await react(request, story: context.parameters.get("story") ?? "")
        }
    }

    private func wall(_ request: Request) async throws -> Response {
        guard let session = settings.sessions.session(request) else { return .signIn(returningTo: request) }
        let context = PageContext(request)
        let query = WallQuery(request)
        let fetched: WallData
        do {
            fetched = try await WallData.fetch(query, client: client, timeout: settings.callTimeout)
        } catch let error as RPCError {
            return unavailable(error, context: context)
        }
        return WallPage(
            data: fetched, query: query, context: context, timeZone: settings.timeZone,
            reactCSRF: session.employeeID == nil ? nil : settings.sessions.csrf("react", nonce: session.nonce)
        ).render()
    }

    private func screen(_ request: Request) async throws -> Response {
        guard settings.sessions.session(request) != nil else { return .signIn(returningTo: request) }
        let context = PageContext(request)
        do {
            let reply = try await client.call(
                Feedback.listComplimentWall, .init(page_size: UInt32(WallScreen.quotes)),
                options: CallOptions(timeout: settings.callTimeout))
            let credits = await WallCredits.resolve(
                employees: reply.compliments.compactMap(\.employee_id), teams: reply.compliments.compactMap(\.team_id),
                client: client, timeout: settings.callTimeout)
            return WallScreen(compliments: reply.compliments, credits: credits, context: context).render()
        } catch let error as RPCError {
            return unavailable(error, context: context)
        }
    }

    /// One reaction of the signed-in employee; back to the wall (POST-redirect-GET).
    private func react(_ request: Request, story: String) async throws -> Response {
        guard let session = settings.sessions.session(request) else { return .signIn(returningTo: request) }
        let context = PageContext(request)
        let t = context.t
        let form = try await Form.read(request)
        guard settings.sessions.checkCSRF(form["csrf"], purpose: "react", nonce: session.nonce) else {
            return HTML.message(
                title: t["wall_react_refused"], paragraphs: [t["wall_react_expired"]], link: ("/wall", t["back"]),
                context: context, status: .forbidden)
        }
        guard let employee = session.employeeID else {
            return HTML.message(
                title: t["wall_react_refused"], paragraphs: [t["wall_react_employees_only"]],
                link: ("/wall", t["back"]), context: context, status: .forbidden)
        }
        do {
            _ = try await client.call(
                Feedback.reactToStory,
                .init(
                    story_id: story, employee_id: employee, kind: WallReaction(form["kind"] ?? "")?.kind,
                    remove: form["remove"] == "yes"),
                options: CallOptions(timeout: settings.callTimeout, actor: employee))
        } catch let error as RPCError {
            let status: HTTPResponse.Status =
                switch error.code {
                case .notFound: .notFound
                case .invalidArgument: .badRequest
                case .permissionDenied: .forbidden
                default: .serviceUnavailable
                }
            return HTML.message(
                title: t["wall_react_refused"], paragraphs: [error.description], link: ("/wall", t["back"]),
                context: context, status: status)
        }
        return Response.redirect(to: "/wall#story-\(WallPage.anchor(story))", type: .normal)
    }

    private func unavailable(_ error: RPCError, context: PageContext) -> Response {
        HTML.message(
            title: context.t["wall_title"], paragraphs: [context.t.format("not_available", ["reason": error.message])],
            link: ("/dashboard", context.t["back_to_dashboard"]), context: context, status: .serviceUnavailable)
    }
}

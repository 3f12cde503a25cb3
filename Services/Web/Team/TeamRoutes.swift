import Bus
import Contract
import Foundation
import Hummingbird

/// `GET /team`: the team lead's screen. The gestures over budget waiting for the
/// lead's approval (agent, ticket, amount, kind, reason, how long it waits) with an
/// Approve button, and per team the open tickets and first responses of each agent;
/// NPS, eNPS, follow-ups and the rest stay on the dashboard, which it links to.
/// Leads see their own teams, the director every team; anyone else gets a 403 page.
/// `POST /team/gestures/{id}/approve` approves as the signed-in lead (staff decides
/// whether they may) and comes back here with what was done or the refusal.
struct TeamRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings
    var now: @Sendable () -> Date = Date.init

    /// The CSRF purpose of the team screen's forms, bound to the session.
    static let csrfPurpose = "team"

    func register(on router: Router<WebRequestContext>) {
        router.get("/team") { request, _ in try await team(request) }
        router.post("/team/gestures/:id/approve") { request, context in
            try await approve(request, id: context.parameters.get("id") ?? "")
        }
    }

    private func team(_ request: Request) async throws -> Response {
        let calls: AgentCalls
        do { calls = try settings.agentCalls(request, client: client) } catch { return error.response }
        let context = PageContext(request)
        let t = context.t
        let scope: LeadScope?
        do { scope = try await LeadScope.of(calls) } catch let error as RPCError {
            return HTML.message(
                title: t["team_title"], paragraphs: [WorkspaceRefusal.text(error, t)], context: context,
                status: .serviceUnavailable)
        }
        guard let scope else {
            return HTML.message(
                title: t["team_leads_only_title"], paragraphs: [t["team_leads_only"]],
                link: ("/inbox", t["back_to_inbox"]), context: context, status: .forbidden)
        }
        let nonce = settings.sessions.session(request)?.nonce ?? ""
        var page = TeamPage(context: context, now: now(), timeZone: settings.timeZone)
        do {
            page.waiting = try await scope.waitingGestures(calls)
            page.names = await names(of: Set(page.waiting.compactMap(\.employee_id)), calls: calls)
            page.teams = try await teams(scope, names: page.names, calls: calls)
        } catch let error as RPCError {
            page.refusal = WorkspaceRefusal.text(error, t)
        }
        var values = page.values
        values["csrf"] = settings.sessions.csrf(Self.csrfPurpose, nonce: nonce)
        values["once"] = randomToken()
        let flash = Flash.read(request, key: settings.key, nonce: nonce)
        if let flash { values[flash.kind == .alert ? "alert" : "notice"] = flash.text }
        let response = HTML.page("team", values, title: t["team_title"], context: context)
        return flash == nil ? response : response.setting(Flash.cleared(secure: settings.secureCookies))
    }

    /// Each team's figures; the members' names are read for a lead's own teams only
    /// (the director's list of every team uses the names analytics gives).
    private func teams(_ scope: LeadScope, names: [String: String], calls: AgentCalls) async throws
        -> [TeamFigures]
    {
        var shown: [TeamFigures] = []
        for team in scope.teams {
            var figures = try await TeamFigures.fetch(team, names: names, calls: calls)
            if !scope.director {
                figures.name(
                    await self.names(of: Set(figures.agents.filter { $0.name == nil }.map(\.id)), calls: calls))
            }
            shown.append(figures)
        }
        return shown
    }

    /// The names staff gives for `ids`; an id staff does not answer for is left out.
    private func names(of ids: Set<String>, calls: AgentCalls) async -> [String: String] {
        var names: [String: String] = [:]
        for id in ids.sorted() {
            if let name = try? await calls.call(Staff.getEmployee, .init(employee_id: id)).employee?.name {
                names[id] = name
            }
        }
        return names
    }

    private func approve(_ request: Request, id: String) async throws -> Response {
        let calls: AgentCalls
        do { calls = try settings.agentCalls(request, client: client) } catch { return error.response }
        return try await settings.formPost(
            request, purpose: Self.csrfPurpose, back: "/team", expired: "team_form_expired", backLabel: "back_to_team"
        ) { _, key, page in
            let gesture = try await calls.call(
                Tickets.approveGesture, .init(gesture_id: id, team_lead_id: calls.agent), key: key
            ).gesture
            let agent = gesture?.employee_id ?? ""
            let name = try? await calls.call(Staff.getEmployee, .init(employee_id: agent)).employee?.name
            return page.t.format(
                "team_approved", ["amount": gesture?.amount.map(page.language.money) ?? "", "agent": name ?? agent])
        }
    }
}

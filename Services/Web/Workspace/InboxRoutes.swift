import Bus
import Contract
import Domain
import Foundation
import Hummingbird

/// `GET /inbox?tab=mine|team|special-care|unassigned`: the signed-in agent's open
/// tickets, breached and at risk first, each with its time left to the first
/// response in the channel's open hours (as tickets computes it), linking to the ticket.
struct InboxRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    func register(on router: Router<WebRequestContext>) {
        router.get("/inbox") { request, context in try await inbox(request, account: context.account) }
        router.get("/inbox/events") { request, _ in try await events(request) }
    }

    private func inbox(_ request: Request, account: Staff.Account?) async throws -> Response {
        let calls: AgentCalls
        do { calls = try settings.agentCalls(request, client: client) } catch { return error.response }
        let context = PageContext(request)
        let tab = request.uri.queryParameters["tab"].flatMap { InboxTab(rawValue: String($0)) } ?? .mine
        var values: [String: Any] = [
            "tabs": InboxTab.allCases.map { each -> [String: Any] in
                ["href": "/inbox?tab=\(each.rawValue)", "label": context.t[each.label], "current": each == tab]
            }
        ]
        values["live"] = "/inbox/events?tab=\(tab.rawValue)"
        values["team_link"] = account?.role == .teamLead || account?.role == .directorOfHappyCustomers
        do {
            if let tickets = try await listing(tab, calls: calls) {
                let rows = tickets.map {
                    row($0, agent: calls.agent, context: context)
                }
                values["tickets"] = rows
                values["listed"] = !rows.isEmpty
                values["empty"] = rows.isEmpty
            } else {
                values["refusal"] = context.t["inbox_no_team"]
            }
        } catch let error as RPCError {
            values["refusal"] = WorkspaceRefusal.text(error, context.t)
        }
        return HTML.page("inbox", values, title: context.t["inbox_title"], context: context)
    }

    /// The tab's tickets, most urgent first; nil for the team tab of an agent in no team.
    private func listing(_ tab: InboxTab, calls: AgentCalls) async throws -> [Tickets.Ticket]? {
        var team: String?
        if tab == .team {
            team = try await calls.call(Staff.getEmployee, .init(employee_id: calls.agent)).employee?.team_id
        }
        guard let request = tab.request(agent: calls.agent, team: team) else { return nil }
        let tickets = try await calls.call(Tickets.listTickets, request).tickets
        return tickets.filter(tab.shows).sorted(by: Tickets.Ticket.byUrgency)
    }

    /// `GET /inbox/events?tab=`: one `changed` event once a ticket of the tab changes,
    /// arrives, leaves or turns at risk or breached.
    private func events(_ request: Request) async throws -> Response {
        let calls: AgentCalls
        do { calls = try settings.agentCalls(request, client: client) } catch { return error.response }
        let tab = request.uri.queryParameters["tab"].flatMap { InboxTab(rawValue: String($0)) } ?? .mine
        return LiveChanges.stream(every: settings.liveEvery, lasting: settings.liveFor) {
            let tickets = try await listing(tab, calls: calls) ?? []
            return tickets.map { "\($0.ticket_id ?? "")@\($0.updated_at_ms ?? 0)/\($0.sla?.state?.rawValue ?? 0)" }
                .joined(separator: ",")
        }
    }

    private func row(_ ticket: Tickets.Ticket, agent: String, context: PageContext) -> [String: Any] {
        let t = context.t
        let state = ticket.sla?.state
        return [
            "href": ticket.href, "subject": ticket.subject ?? ticket.ticket_id ?? "",
            "customer": ticket.customer?.name ?? ticket.customer?.handle ?? "",
            "channel": ticket.channel?.displayName ?? "", "status": t.status(ticket.status),
            "sla": t.sla(state), "left": t.timeLeft(ticket.sla),
            "urgent": state == .atRisk || state == .breached, "breached": state == .breached,
            "assignee": ticket.assignee_id == agent ? t["you"] : (ticket.assignee_id ?? t["nobody"]),
        ]
    }
}

import Bus
import Contract

/// One team's open tickets and first responses per agent, for the team screen.
struct TeamFigures: Sendable {
    /// One agent's row.
    struct Agent: Sendable {
        let id: String
        var name: String?
        var open = 0
        var breached = 0
        /// First responses in the last 30 days (analytics); nil when it did not answer.
        var firstResponses: Analytics.FirstResponseRow?
    }

    let team: Staff.Team
    /// The members and anyone else holding the team's tickets or figures, by name.
    var agents: [Agent]
    /// Open tickets of the team no one owns yet.
    var unassigned = 0
    /// Whether analytics answered.
    var figuresShown = false

    /// Reads the team's members (staff), open tickets (tickets) and first-response
    /// figures per agent (analytics, the last 30 days; left out when it is down).
    /// - Throws: what staff or tickets say.
    static func fetch(_ team: Staff.Team, names: [String: String], calls: AgentCalls) async throws -> TeamFigures {
        let teamID = team.team_id ?? ""
        async let members = calls.call(Staff.getTeam, .init(team_id: teamID)).team?.member_ids ?? []
        async let tickets = calls.call(
            Tickets.listTickets,
            .init(statuses: Tickets.Ticket.activeStatuses, team_id: teamID, page_size: InboxTab.limit)
        ).tickets
        async let figures = try? calls.call(
            Analytics.getFirstResponseFigures, .init(group_by: [.employee], filter: .init(team_ids: [teamID]))
        ).rows
        var byID: [String: Agent] = [:]
        var order: [String] = []
        func agent(_ id: String) {
            guard byID[id] == nil else { return }
            byID[id] = Agent(id: id, name: names[id])
            order.append(id)
        }
        try await members.forEach(agent)
        var result = TeamFigures(team: team, agents: [])
        for ticket in try await tickets {
            guard let owner = ticket.assignee_id, !owner.isEmpty else {
                result.unassigned += 1
                continue
            }
            agent(owner)
            byID[owner]?.open += 1
            if ticket.sla?.state == .breached { byID[owner]?.breached += 1 }
        }
        if let rows = await figures {
            result.figuresShown = true
            for row in rows {
                guard let id = row.key?.employee_id, !id.isEmpty else { continue }
                agent(id)
                byID[id]?.firstResponses = row
                if byID[id]?.name == nil { byID[id]?.name = row.key?.employee_name }
            }
        }
        result.agents = order.compactMap { byID[$0] }
        result.name([:])
        return result
    }

    /// Gives the agents without a name theirs from `names`, and orders them by name.
    mutating func name(_ names: [String: String]) {
        for index in agents.indices where agents[index].name == nil {
            agents[index].name = names[agents[index].id]
        }
        agents.sort { ($0.name ?? $0.id) < ($1.name ?? $1.id) }
    }
}

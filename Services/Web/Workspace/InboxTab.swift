import Contract

/// The inbox's tabs: the agent's own tickets, their team's, Special Care's, and
/// every ticket no one owns yet. Each lists open tickets only.
enum InboxTab: String, CaseIterable, Sendable {
    case mine
    case team
    case specialCare = "special-care"
    case unassigned

    /// The most tickets a tab sorts by urgency.
    static let limit: UInt32 = 500

    /// The tab's text key.
    var label: String { "inbox_tab_" + rawValue.replacingOccurrences(of: "-", with: "_") }

    /// What to ask tickets for; nil for the team tab of an agent in no team.
    func request(agent: String, team: String?) -> Tickets.ListTicketsRequest? {
        var request = Tickets.ListTicketsRequest(statuses: Tickets.Ticket.activeStatuses, page_size: Self.limit)
        switch self {
        case .mine: request.assignee_id = agent
        case .team:
            guard let team else { return nil }
            request.team_id = team
        case .specialCare: request.special_care = true
        case .unassigned: break
        }
        return request
    }

    /// Whether `ticket` belongs in the tab beyond what the request filters
    /// (ListTickets has no filter for "no assignee").
    func shows(_ ticket: Tickets.Ticket) -> Bool {
        self != .unassigned || (ticket.assignee_id ?? "").isEmpty
    }
}

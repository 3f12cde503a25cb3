import Contract
import Foundation

/// The values of the team template: the approvals waiting and each team's agents.
struct TeamPage {
    let context: PageContext
    let now: Date
    let timeZone: TimeZone
    /// Gestures waiting for approval, the longest waiting first.
    var waiting: [Tickets.Gesture] = []
    /// Employee names by id, as staff gave them.
    var names: [String: String] = [:]
    var teams: [TeamFigures] = []
    /// What a service said instead of the page's content.
    var refusal: String?

    private var t: Messages { context.t }

    var values: [String: Any] {
        var values: [String: Any] = [
            "approvals": waiting.map(approval), "no_approvals": waiting.isEmpty && refusal == nil,
            "teams": teams.map(team),
        ]
        if let refusal { values["refusal"] = refusal }
        return values
    }

    private func approval(_ gesture: Tickets.Gesture) -> [String: Any] {
        let agent = gesture.employee_id ?? ""
        let waited = now.timeIntervalSince1970 * 1000 - Double(gesture.created_at_ms ?? 0)
        var row: [String: Any] = [
            "id": gesture.gesture_id ?? "", "agent": names[agent] ?? agent,
            "ticket_href": Tickets.Ticket.href(gesture.ticket_id ?? ""), "ticket": gesture.ticket_id ?? "",
            "amount": gesture.amount.map(context.language.money) ?? "",
            "kind": t["gesture_" + GestureKindName.name(gesture.kind)], "reason": gesture.description ?? "",
            "age": t.duration(ms: Int64(waited)),
        ]
        if let said = gesture.refusal_reason, !said.isEmpty { row["staff_said"] = said }
        return row
    }

    private func team(_ figures: TeamFigures) -> [String: Any] {
        let language = context.language
        let rows = figures.agents.map { agent -> [String: Any] in
            let first = agent.firstResponses
            let measured = (first?.answered ?? 0) + (first?.overdue ?? 0)
            var row: [String: Any] = [
                "name": agent.name ?? agent.id, "open": language.number(agent.open),
                "answered": language.number(first?.answered ?? 0),
            ]
            if measured > 0 {
                row["detail"] = t.format(
                    "team_first_detail",
                    [
                        "within": language.percent(first?.within_target_share ?? 0),
                        "median": first?.median_response_ms.map { t.duration(ms: $0) } ?? "–",
                    ])
            }
            if agent.breached > 0 {
                row["breached"] = t.format("team_breached", ["count": language.number(agent.breached)])
            }
            return row
        }
        var values: [String: Any] = [
            "name": figures.team.name ?? figures.team.team_id ?? "", "agents": rows, "no_agents": rows.isEmpty,
            "figures_missing": !figures.figuresShown,
        ]
        if figures.unassigned > 0 {
            values["unassigned"] = t.format("team_unassigned", ["count": language.number(figures.unassigned)])
        }
        return values
    }
}

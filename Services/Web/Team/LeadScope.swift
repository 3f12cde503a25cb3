import Bus
import Contract

/// Whose team screen it is: the teams the signed-in employee leads (staff's
/// `Team.lead_id`), or every team for the director of happy customers, who may
/// approve any overrun.
struct LeadScope: Sendable {
    /// The teams shown, by name.
    let teams: [Staff.Team]
    /// The director sees every team's approvals, and those of people in no team.
    let director: Bool

    /// The most teams one listing reads.
    static let teamLimit: UInt32 = 500

    /// The scope of `calls`' employee; nil for someone who leads no team and is
    /// not the director.
    /// - Throws: staff's errors (UNAVAILABLE while it is down).
    static func of(_ calls: AgentCalls) async throws -> LeadScope? {
        async let employee = calls.call(Staff.getEmployee, .init(employee_id: calls.agent)).employee
        let all = try await calls.call(Staff.listTeams, .init(page_size: teamLimit)).teams
            .sorted { ($0.name ?? "") < ($1.name ?? "") }
        let role = try await employee?.role
        if role == .directorOfHappyCustomers {
            return LeadScope(teams: all, director: true)
        }
        let led = all.filter { $0.lead_id == calls.agent }
        return led.isEmpty ? nil : LeadScope(teams: led, director: false)
    }

    /// The gestures waiting for approval in scope, the longest waiting first.
    func waitingGestures(_ calls: AgentCalls) async throws -> [Tickets.Gesture] {
        if director {
            return try await calls.call(Tickets.listGestures, .init(outcome: .refused, page_size: 500)).gestures
        }
        var gestures: [Tickets.Gesture] = []
        for team in teams {
            gestures += try await calls.call(
                Tickets.listGestures, .init(outcome: .refused, team_id: team.team_id, page_size: 500)
            ).gestures
        }
        return gestures.sorted { ($0.created_at_ms ?? 0) < ($1.created_at_ms ?? 0) }
    }
}

import Bus
import Contract
import Domain

/// Who works in the demo, as the staff service knows them.
struct DemoStaffing {
    /// Agent name -> employee id.
    var employees: [String: String] = [:]
    /// Team name -> team id.
    var teams: [String: String] = [:]
    /// Core value slugs, in order.
    var values: [String] = []

    func agents(of team: String) -> [DemoCast.Agent] { DemoCast.agents.filter { $0.team == team } }

    /// Creates the teams and people (idempotency keys make a second run reuse them),
    /// each with a monthly goodwill budget of EUR 150.
    static func load(_ client: BusClient, progress: Progress) async throws -> DemoStaffing {
        var staffing = DemoStaffing()
        for team in DemoCast.teams {
            let reply = try await client.call(
                Staff.createTeam,
                Staff.CreateTeamRequest(
                    name: team.name, kind: team.kind, site: team.site, employer_id: team.employer, country: team.country
                ),
                options: .init(idempotencyKey: "demo-team-\(team.name)"))
            staffing.teams[team.name] = reply.team?.team_id
        }
        for agent in DemoCast.agents {
            let email = agent.name.lowercased().replacingOccurrences(of: " ", with: ".") + "@glimlach.example"
            let reply = try await client.call(
                Staff.createEmployee,
                Staff.CreateEmployeeRequest(
                    name: agent.name, email: email, team_id: staffing.teams[agent.team], employer_id: agent.employer,
                    employer_kind: agent.employer == "in-house" ? .inHouse : .partner,
                    site: DemoCast.teams.first { $0.name == agent.team }?.site, country: agent.country,
                    role: agent.role, start_date: "2025-09-01", status: .active,
                    monthly_budget: Money(minorUnits: 15_000, currency: .eur)),
                options: .init(idempotencyKey: "demo-employee-\(email)"))
            staffing.employees[agent.name] = reply.employee?.employee_id
            progress.advance()
        }
        staffing.values = try await client.call(Staff.listCoreValues, Staff.ListCoreValuesRequest()).values
            .compactMap(\.value_id)
        return staffing
    }
}

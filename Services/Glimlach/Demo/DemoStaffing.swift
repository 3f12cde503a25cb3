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
            let email = DemoCast.email(agent.name)
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
        try await staffing.appointLeads(client)
        for person in DemoCast.office {
            let reply = try await client.call(
                Staff.createEmployee,
                Staff.CreateEmployeeRequest(
                    name: person.name, email: DemoCast.email(person.name), employer_id: "in-house",
                    employer_kind: .inHouse, site: "utrecht", country: "NL", role: person.role,
                    start_date: "2024-03-01", status: .active),
                options: .init(idempotencyKey: "demo-employee-\(DemoCast.email(person.name))"))
            staffing.employees[person.name] = reply.employee?.employee_id
        }
        staffing.values = try await client.call(Staff.listCoreValues, Staff.ListCoreValuesRequest()).values
            .compactMap(\.value_id)
        return staffing
    }

    /// Makes each team's team lead its lead, so the lead's rights (approvals, the
    /// team's one-to-ones and personal NPS) follow.
    private func appointLeads(_ client: BusClient) async throws {
        for (name, id) in teams {
            guard let lead = agents(of: name).first(where: { $0.role == .teamLead }), let leadID = employees[lead.name]
            else { continue }
            _ = try await client.call(Staff.updateTeam, Staff.UpdateTeamRequest(team_id: id, lead_id: leadID))
        }
    }
}

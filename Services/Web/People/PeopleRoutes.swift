import Bus
import Contract
import Foundation
import Hummingbird

/// `GET /people`: the people the signed-in employee may look after, each linking
/// to their page (`PersonRoutes`): HR and the director see every employee on the
/// staff (onboarding, probation, active), a team lead the members of the teams they
/// lead, anyone else themself. Staff guards each person's plan and one-to-ones; this
/// list only chooses whom to offer.
struct PeopleRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    /// The statuses of people on the staff (candidates are in the hiring pipeline).
    static let staffStatuses: [Staff.EmployeeStatus] = [.onboarding, .probation, .active]

    func register(on router: Router<WebRequestContext>) {
        let section = PeopleSection(client: client, settings: settings)
        router.get("/people") { request, context in
            let viewer: PeopleViewer
            switch await section.viewer(request, context) {
            case .success(let found): viewer = found
            case .failure(let refused): return refused.response
            }
            return await list(request, viewer: viewer, section: section)
        }
        PersonRoutes(client: client, settings: settings).register(on: router)
        ComplimentRoutes(client: client, settings: settings).register(on: router)
        PulseRoutes(client: client, settings: settings).register(on: router)
        HiringRoutes(client: client, settings: settings).register(on: router)
        OneToOneRoutes(client: client, settings: settings).register(on: router)
    }

    private func list(_ request: Request, viewer: PeopleViewer, section: PeopleSection) async -> Response {
        let context = PageContext(request)
        let t = context.t
        var values: [String: Any] = [:]
        do {
            let teams = try await viewer.calls.call(Staff.listTeams, .init(page_size: 500)).teams
            let names = Dictionary(teams.map { ($0.team_id ?? "", $0.name ?? "") }, uniquingKeysWith: { a, _ in a })
            let people = try await visible(to: viewer, teams: teams)
            values["people"] = people.map { person -> [String: Any] in
                let id = person.employee_id ?? ""
                return [
                    "href": "/people/\(id)", "name": person.name ?? id, "role": t.role(person.role),
                    "status": t.employeeStatus(person.status), "team": person.team_id.flatMap { names[$0] } ?? "",
                    "you": id == viewer.id, "probation": person.status == .probation,
                ]
            }
            values["listed"] = !people.isEmpty
            values["scope"] =
                viewer.seesEveryone
                ? t["people_scope_everyone"] : viewer.role == .teamLead ? t["people_scope_team"] : t["people_scope_you"]
        } catch let error as RPCError {
            values["refusal"] = WorkspaceRefusal.text(error, t)
        } catch {
            values["refusal"] = t.format("not_available", ["reason": "\(error)"])
        }
        return section.render(
            "people", values, title: t["people_title"], current: .people, viewer: viewer, request: request)
    }

    /// Everyone for HR and the director; a lead's teams and themself; else themself. By name.
    private func visible(to viewer: PeopleViewer, teams: [Staff.Team]) async throws -> [Staff.Employee] {
        let calls = viewer.calls
        if viewer.seesEveryone {
            return try await calls.call(
                Staff.listEmployees, .init(statuses: Self.staffStatuses, page_size: 500)
            ).employees
        }
        var people: [String: Staff.Employee] = [:]
        if let me = try await calls.call(Staff.getEmployee, .init(employee_id: viewer.id)).employee {
            people[viewer.id] = me
        }
        for team in teams where team.lead_id == viewer.id {
            let members = try await calls.call(
                Staff.listEmployees, .init(team_id: team.team_id, statuses: Self.staffStatuses, page_size: 500)
            ).employees
            for member in members { people[member.employee_id ?? ""] = member }
        }
        return people.values.sorted { ($0.name ?? "", $0.employee_id ?? "") < ($1.name ?? "", $1.employee_id ?? "") }
    }
}

import Bus
import Contract
import Foundation
import Testing

@testable import WebService

/// A team lead and two agents of their team in the world's staff, each with a
/// password, and a one-to-one note of the first agent.
struct WebPeople {
    static let password = "a long enough password"
    let lead: String
    let agent: String
    let colleague: String

    init(_ world: WebWorld) async throws {
        let client = world.client
        func person(_ name: String, role: Staff.EmployeeRole, team: String? = nil) async throws -> String {
            let id = try await client.call(
                Staff.createEmployee,
                .init(name: name, email: "\(name.lowercased())@example.com", team_id: team, role: role, status: .active)
            ).employee!.employee_id!
            // bcrypt at staff's real cost: slow while other tests hash too.
            _ = try await client.call(
                Staff.setPassword, .init(employee_id: id, password: Self.password),
                options: CallOptions(timeout: .seconds(60)))
            return id
        }
        lead = try await person("Vera", role: .teamLead)
        let team = try await client.call(Staff.createTeam, .init(name: "Experts", kind: .serviceExperts, lead_id: lead))
            .team!.team_id!
        agent = try await person("Wim", role: .serviceExpert, team: team)
        colleague = try await person("Noor", role: .serviceExpert, team: team)
        _ = try await client.call(
            Staff.addOneToOneNote,
            .init(
                employee_id: agent, author_id: lead, text: "Wants to coach new colleagues", agreements: "buddy in May"))
    }
}

/// bcrypt at staff's real cost is slow on a busy machine: calls may take 20 s here.
@Suite("Employees sign in as themselves", .timeLimit(.minutes(2)))
struct EmployeeSignInTests {
    @Test("an employee signs in with their work e-mail and reads their own one-to-ones")
    func signsIn() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20))
        let people = try await WebPeople(world)
        try await world.withWeb { web in
            let wrong = try await web.signIn("wim@example.com", password: "not the password at all")
            #expect(wrong.status == .unauthorized && web.cookies[Sessions.sessionCookie] == nil)
            let signedIn = try await web.signIn("Wim@example.com", password: WebPeople.password, next: "/people")
            #expect(signedIn.status == .seeOther && web.cookies[Sessions.sessionCookie] != nil, "\(signedIn.body)")
            let page = try await web.get("/people/\(people.agent)/one-to-ones")
            #expect(page.status == .ok)
            #expect(page.body.contains("Wants to coach new colleagues") && page.body.contains("buddy in May"))
        }
        await world.shutdown()
    }

    @Test("a second agent cannot open the first one's one-to-ones: the page shows staff's refusal; their lead can")
    func secondAgentRefused() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20))
        let people = try await WebPeople(world)
        try await world.withWeb { web in
            try await web.signIn("noor@example.com", password: WebPeople.password)
            let page = try await web.get("/people/\(people.agent)/one-to-ones")
            #expect(page.status == .forbidden)
            #expect(
                page.body.contains(#"role="alert""#) && page.body.contains("seen only by the employee, their team lead")
            )
            #expect(!page.body.contains("Wants to coach"))
        }
        try await world.withWeb { web in
            try await web.signIn("vera@example.com", password: WebPeople.password)
            #expect(try await web.get("/people/\(people.agent)/one-to-ones").body.contains("Wants to coach"))
        }
        await world.shutdown()
    }

    @Test("signing out ends the employee's session on the server: a copy of the cookie no longer opens a page")
    func signOutRevokes() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20))
        let people = try await WebPeople(world)
        try await world.withWeb { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            let copied = web.cookies[Sessions.sessionCookie]
            let dashboard = try await web.get("/dashboard")
            // The page names the person, not their session's technical id.
            #expect(dashboard.body.contains(">Wim</span>") && !dashboard.body.contains("employee:"))
            let out = try await web.post("/signout", [("csrf", dashboard.hidden("csrf") ?? "")])
            #expect(out.status == .seeOther)
            web.setCookie(Sessions.sessionCookie, copied)
            let page = try await web.get("/people/\(people.agent)/one-to-ones")
            #expect(page.status == .seeOther && page.location?.hasPrefix("/signin") == true)
        }
        await world.shutdown()
    }

    @Test("deactivating an employee's account ends their open session and refuses their next sign-in")
    func deactivationRevokes() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20))
        let people = try await WebPeople(world)
        try await world.withWeb { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            #expect(try await web.get("/people/\(people.agent)/one-to-ones").status == .ok)
            _ = try await world.client.call(Staff.setAccountActive, .init(employee_id: people.agent, active: false))
            let page = try await web.get("/people/\(people.agent)/one-to-ones")
            #expect(page.status == .seeOther && page.location?.hasPrefix("/signin") == true)
            #expect(try await web.get("/dashboard").status == .seeOther)
            let again = try await web.signIn("wim@example.com", password: WebPeople.password)
            #expect(again.status == .unauthorized)
        }
        await world.shutdown()
    }
}

import Bus
import Contract
import Domain
import Foundation
import HTTPTypes
import Testing

@testable import WebService

/// bcrypt at staff's real cost is slow on a busy machine: calls may take 20 s here.
@Suite("Team lead screen", .timeLimit(.minutes(3)))
struct TeamScreenTests {
    /// The agent Wim (€10 a month) asks a €25 hairdresser visit on his ticket: over
    /// budget, so it waits for Vera, his lead. Returns the ticket id.
    static func waitingGesture(_ desk: WorkspaceDesk, by agent: String? = nil, _ description: String)
        async throws -> String
    {
        let agent = agent ?? desk.people.agent
        let id = try await desk.ticket("Photo book arrived damaged", assignee: agent)
        let gesture = try await desk.world.client.call(
            Tickets.grantGesture,
            .init(
                ticket_id: id, employee_id: agent, kind: .service, amount: Money(minorUnits: 2500, currency: .eur),
                description: description)
        ).gesture
        #expect(gesture?.outcome == .refused)
        return id
    }

    /// The approve form of the first gesture on `page`: its action and fields.
    static func approveForm(_ page: WebSession.Page) -> (action: String, fields: [(String, String)])? {
        guard let start = page.body.range(of: #"action="/team/gestures/"#) else { return nil }
        let rest = page.body[start.upperBound...]
        let id = String(rest.prefix { $0 != "/" })
        return ("/team/gestures/\(id)/approve", [("csrf", page.hidden("csrf") ?? ""), ("once", UUID().uuidString)])
    }

    /// How wide `html` lays out in Chromium on a 390 px phone (it scrolls sideways
    /// when wider); nil without Chromium. A screenshot goes to artifacts/screenshots.
    static func phoneWidth(_ html: String) async throws -> Int? {
        guard let chromium = Chromium.find() else { return nil }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("team-\(UUID().uuidString).html")
        try html.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await Chromium.session(path: chromium) { browser in
            try browser.openTab(width: 390, height: 844, mobile: true)
            try browser.navigate(file.absoluteString)
            try browser.waitForPage("the team screen") { $0.hasSuffix(file.lastPathComponent) }
            try browser.screenshot(to: BrowserTests.screenshots.appendingPathComponent("team-phone.png"))
            return try BrowserTests.pageWidth(browser)
        }
    }

    @Test("a lead sees their agent's gesture over budget, approves it, and the agent's ticket shows it granted")
    func leadApproves() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true)
        let desk = try await WorkspaceDesk(world, budgetCents: 1000)
        let id = try await Self.waitingGesture(desk, "A hairdresser visit")
        try await world.withWeb { web in
            try await web.signIn("vera@example.com", password: WebPeople.password)
            #expect(try await web.get("/dashboard").body.contains(#"<a href="/team" id="team-link">My team</a>"#))
            let page = try await web.get("/team")
            #expect(page.status == .ok)
            #expect(page.body.contains("A hairdresser visit") && page.body.contains("€25.00"), "\(page.body)")
            #expect(page.body.contains(#"href="/tickets/\#(id)""#) && page.body.contains("Wim"))
            #expect(page.body.contains("Waiting"))
            if let width = try await Self.phoneWidth(page.body) { #expect(width <= 390, "/team is wider than a phone") }
            let form = try #require(Self.approveForm(page))
            let approved = try await web.post(form.action, form.fields)
            #expect(approved.status == .seeOther && approved.location == "/team")
            let after = try await web.get("/team").body
            #expect(after.contains(#"role="status">Approved: the gesture of €25.00 by Wim is granted."#), "\(after)")
            #expect(
                after.contains("No gestures are waiting for your approval.") && !after.contains("A hairdresser visit"))
        }
        let gestures = try await world.client.call(Tickets.getTicket, .init(ticket_id: id)).ticket!.gestures
        #expect(gestures.map(\.outcome) == [.granted] && gestures.first?.approved_by_id == desk.people.lead)
        try await world.withWeb { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            let ticket = try await web.get("/tickets/\(id)").body
            #expect(ticket.contains("A hairdresser visit") && ticket.contains("approved by \(desk.people.lead)"))
            #expect(!ticket.contains("waits for your lead"))
            let team = try await web.get("/team")
            #expect(team.status == .forbidden && team.body.contains("for team leads and the director"))
            #expect(!team.body.contains("A hairdresser visit"))
        }
        await world.shutdown()
    }

    @Test("a lead of another team does not see the gesture and is refused on approving it, with the rule")
    func otherLeadRefused() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true)
        let desk = try await WorkspaceDesk(world, budgetCents: 1000)
        let client = world.client
        func person(_ name: String, role: Staff.EmployeeRole, team: String? = nil) async throws -> String {
            let id = try await client.call(
                Staff.createEmployee,
                .init(
                    name: name, email: "\(name.lowercased())@example.com", team_id: team, role: role, status: .active,
                    monthly_budget: Money(minorUnits: 1000, currency: .eur))
            ).employee!.employee_id!
            _ = try await client.call(Staff.setPassword, .init(employee_id: id, password: WebPeople.password))
            return id
        }
        let otto = try await person("Otto", role: .teamLead)
        let social = try await client.call(
            Staff.createTeam, .init(name: "Social media", kind: .socialMedia, lead_id: otto)
        )
        .team!.team_id!
        let pien = try await person("Pien", role: .socialMedia, team: social)
        _ = try await Self.waitingGesture(desk, by: pien, "Care package for a long wait")
        let id = try await Self.waitingGesture(desk, "A hairdresser visit")
        let wims = try await client.call(Tickets.listGestures, .init(outcome: .refused, team_id: desk.team)).gestures
        let gestureID = try #require(wims.first?.gesture_id)
        try await world.withWeb { web in
            try await web.signIn("otto@example.com", password: WebPeople.password)
            let page = try await web.get("/team")
            #expect(page.status == .ok && page.body.contains("Care package for a long wait"))
            #expect(!page.body.contains("A hairdresser visit") && !page.body.contains(id))
            let form = try #require(Self.approveForm(page))
            let refused = try await web.post("/team/gestures/\(gestureID)/approve", form.fields)
            #expect(refused.status == .seeOther)
            let after = try await web.get("/team").body
            #expect(after.contains(#"role="alert">"#) && after.contains("does not lead the team of"), "\(after)")
        }
        let gestures = try await client.call(Tickets.getTicket, .init(ticket_id: id)).ticket!.gestures
        #expect(gestures.map(\.outcome) == [.refused])
        await world.shutdown()
    }
}

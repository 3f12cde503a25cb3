import Bus
import Contract
import Foundation
import HTTPTypes
import Testing

@testable import WebService

/// bcrypt at staff's real cost is slow on a busy machine: calls may take 20 s here.
@Suite("Agent inbox", .timeLimit(.minutes(3)))
struct InboxTests {
    @Test("an agent's inbox lists their open tickets, breached and at risk first, with the time left in open hours")
    func mine() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true)
        let desk = try await WorkspaceDesk(world)
        let agent = desk.people.agent
        let fresh = try await desk.ticket("Fresh question", assignee: agent)
        let late = try await desk.ticket("Late parcel", minutesAgo: 72 * 60, assignee: agent)
        _ = try await desk.ticket("Risky refund", minutesAgo: 20 * 60 + 0.5, assignee: agent)
        _ = try await desk.ticket("Colleague case", assignee: desk.people.colleague)
        _ = try await desk.ticket("Queued case", team: desk.team)
        try await world.withWeb { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            let page = try await web.get("/inbox")
            #expect(page.status == .ok)
            let body = page.body
            let order = ["Late parcel", "Risky refund", "Fresh question"].map { body.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil } && order[0]! < order[1]! && order[1]! < order[2]!, "\(body)")
            #expect(body.contains("Breached") && body.contains("2 d 0 h overdue"))
            #expect(body.contains("At risk") && body.contains("3 h 59 min left"))
            #expect(body.contains(#"href="/tickets/\#(late)""#) && body.contains(#"href="/tickets/\#(fresh)""#))
            #expect(!body.contains("Colleague case") && !body.contains("Queued case"))

            let team = try await web.get("/inbox?tab=team").body
            #expect(team.contains("Colleague case") && team.contains("Fresh question") && team.contains("Queued case"))
            let unassigned = try await web.get("/inbox?tab=unassigned").body
            #expect(unassigned.contains("Queued case") && !unassigned.contains("Fresh question"))
            let care = try await web.get("/inbox?tab=special-care").body
            #expect(care.contains("No open tickets here.") && !care.contains("Fresh question"))
        }
        await world.shutdown()
    }

    @Test("the inbox speaks Dutch to a Dutch browser")
    func dutch() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20), tickets: true)
        let desk = try await WorkspaceDesk(world)
        _ = try await desk.ticket("Late parcel", minutesAgo: 72 * 60, assignee: desk.people.agent)
        try await world.withWeb { web in
            try await web.signIn("wim@example.com", password: WebPeople.password)
            let body = try await web.get("/inbox", headers: [.acceptLanguage: "nl-NL,nl;q=0.9"]).body
            #expect(body.contains(#"<html lang="nl">"#))
            #expect(body.contains("Van mij") && body.contains("Niet toegewezen") && body.contains("Verlopen"))
            #expect(body.contains("2 d 0 u te laat"))
        }
        await world.shutdown()
    }

    @Test("the inbox is for employees: signed out goes to sign-in, an operator is told to sign in as an employee")
    func employeesOnly() async throws {
        let world = try await WebWorld(tickets: true)
        try await world.withWeb { web in
            let signedOut = try await web.get("/inbox?tab=team")
            // Back to the same tab after signing in.
            #expect(signedOut.status == .seeOther && signedOut.location == "/signin?next=%2Finbox%3Ftab%3Dteam")
            try await web.signIn()
            let operatorPage = try await web.get("/inbox")
            #expect(operatorPage.status == .forbidden && operatorPage.body.contains("sign in with your work e-mail"))
        }
        await world.shutdown()
    }
}

import Bus
import Contract
import Foundation
import Testing

@testable import WebService

extension PeopleWebTests {
    /// bcrypt at staff's real cost is slow on a busy machine: calls may take many
    /// seconds here, so each test waits up to a minute per call.
    @Suite("People: the list and each person's page", .timeLimit(.minutes(5)))
    struct PeoplePageTests {
        @Test("HR sees everyone on the staff, a newcomer's onboarding checklist and the offer during probation")
        func hrSeesEveryone() async throws {
            let world = try await WebWorld(callTimeout: .seconds(60))
            let office = try await PeopleOffice(world)
            try await world.withWeb { web in
                try await web.signIn("bram@example.com", password: WebPeople.password)
                let list = try await web.get("/people")
                #expect(list.status == .ok)
                for name in ["Vera", "Wim", "Noor", "Lotte", "Bram"] {
                    #expect(list.body.contains(">\(name)</a>"), "\(name)")
                }
                #expect(!list.body.contains("Kees"), "candidates are in the hiring pipeline, not on the staff list")
                #expect(list.body.contains(#"href="/people/\#(office.people.agent)""#))
                #expect(list.body.contains("the offer applies") && list.body.contains(#"href="/people/hiring""#))
                #expect(
                    try await web.get("/dashboard").body.contains(#"<a href="/people" id="people-link">People</a>"#))

                let lotte = try await web.get("/people/\(office.newcomer)")
                #expect(lotte.status == .ok)
                let body = lotte.body
                #expect(body.contains("A day listening in on customer service") && body.contains("Training · 5 weeks"))
                #expect(body.contains("First customer contact") && body.contains("Onboarding complete."))
                #expect(body.contains("On probation") && body.contains("Not made yet."), "\(body)")
                _ = try await world.client.call(
                    Staff.makeOffer, .init(employee_id: office.newcomer, made_by_id: office.hr))
                let offered = try await web.get("/people/\(office.newcomer)").body
                #expect(offered.contains("to leave now: open.") && !offered.contains("Not made yet."))
            }
            await world.shutdown()
        }

        @Test("a lead sees their team and an agent's plan with its goals and a link to the one-to-ones")
        func leadSeesTeam() async throws {
            let world = try await WebWorld(callTimeout: .seconds(60))
            let office = try await PeopleOffice(world)
            try await world.withWeb { web in
                try await web.signIn("vera@example.com", password: WebPeople.password)
                let list = try await web.get("/people").body
                #expect(list.contains(">Wim</a>") && list.contains(">Noor</a>") && list.contains(">Vera</a>"))
                #expect(!list.contains(">Bram</a>"), "HR is not in the lead's team")
                let wim = try await web.get("/people/\(office.people.agent)")
                #expect(wim.status == .ok)
                #expect(wim.body.contains("Grow into Special Care") && wim.body.contains("Be more customer-centric"))
                #expect(wim.body.contains("personal NPS above 60") && wim.body.contains("Not started"))
                #expect(wim.body.contains(#"href="/people/\#(office.people.agent)/one-to-ones""#))
            }
            await world.shutdown()
        }

        @Test("an agent sees only themself and cannot open a colleague's page: staff's refusal, nothing of the plan")
        func agentRefused() async throws {
            let world = try await WebWorld(callTimeout: .seconds(60))
            let office = try await PeopleOffice(world)
            try await world.withWeb { web in
                try await web.signIn("noor@example.com", password: WebPeople.password)
                let list = try await web.get("/people").body
                #expect(list.contains(">Noor</a>") && !list.contains(">Wim</a>"))
                #expect(!list.contains(#"href="/people/hiring""#), "no hiring link for an agent")
                let wim = try await web.get("/people/\(office.people.agent)")
                #expect(wim.status == .forbidden)
                #expect(
                    wim.body.contains(#"role="alert""#)
                        && wim.body.contains("seen only by the employee, their team lead"))
                #expect(!wim.body.contains("Be more customer-centric") && !wim.body.contains("Grow into Special Care"))
                #expect(try await web.get("/people/\(office.people.colleague)").status == .ok)
            }
            await world.shutdown()
        }

        @Test("the people pages are for employees: signed out goes to sign-in, an operator is told to sign in as one")
        func employeesOnly() async throws {
            let world = try await WebWorld()
            try await world.withWeb { web in
                let signedOut = try await web.get("/people/pulse")
                #expect(signedOut.status == .seeOther && signedOut.location == "/signin?next=%2Fpeople%2Fpulse")
                try await web.signIn()
                #expect(!(try await web.get("/dashboard").body.contains("people-link")), "no people link for operators")
                let operatorPage = try await web.get("/people")
                #expect(
                    operatorPage.status == .forbidden && operatorPage.body.contains("sign in with your work e-mail"))
            }
            await world.shutdown()
        }
    }
}

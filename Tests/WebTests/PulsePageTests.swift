import Bus
import Contract
import Foundation
import HTTPTypes
import Testing

@testable import WebService

extension PeopleWebTests {
    /// bcrypt at staff's real cost is slow on a busy machine: calls may take many
    /// seconds here, so each test waits up to a minute per call.
    @Suite("People: the engagement pulse", .timeLimit(.minutes(5)))
    struct PulsePageTests {
        @Test(
            "an employee answers the pulse once a month; below the threshold the page withholds the figures and says why"
        )
        func answerWithheld() async throws {
            let world = try await WebWorld(callTimeout: .seconds(60))
            _ = try await WebPeople(world)
            try await world.withWeb { web in
                try await web.signIn("wim@example.com", password: WebPeople.password)
                let form = try await web.get("/people/pulse")
                #expect(form.status == .ok && form.body.contains(#"name="score" value="10""#))
                let csrf = form.hidden("csrf") ?? ""
                let answered = try await web.post("/people/pulse", [("csrf", csrf), ("once", "p1"), ("score", "9")])
                #expect(answered.status == .seeOther && answered.location == "/people/pulse")
                let page = try await web.get("/people/pulse").body
                #expect(page.contains(#"role="status">Thank you: your answer counts for your team in"#), "\(page)")
                #expect(
                    page.contains("Answers so far: 1. Figures are shown from 5 answers on") && !page.contains("eNPS"))
                let dutch = try await web.get("/people/pulse", headers: [.acceptLanguage: "nl-NL,nl;q=0.9"]).body
                #expect(dutch.contains("Antwoorden tot nu toe: 1. Cijfers verschijnen vanaf 5 antwoorden"))
                _ = try await web.post("/people/pulse", [("csrf", csrf), ("once", "p2"), ("score", "3")])
                #expect(try await web.get("/people/pulse").body.contains("already answered the pulse"))
                _ = try await web.post("/people/pulse", [("csrf", csrf), ("once", "p3"), ("score", "11")])
                #expect(
                    try await web.get("/people/pulse").body.contains(
                        #"role="alert">score: choose a number from 0 to 10."#))
            }
            await world.shutdown()
        }

        @Test("from five answers on, the lead sees the team's eNPS and its split, never who answered what")
        func released() async throws {
            let world = try await WebWorld(callTimeout: .seconds(60))
            let people = try await WebPeople(world)
            let team = try await world.client.call(Staff.getEmployee, .init(employee_id: people.agent)).employee!
                .team_id!
            var answering = [people.agent, people.colleague]
            for name in ["Anouk", "Daan", "Fenna"] {
                answering.append(
                    try await world.client.call(
                        Staff.createEmployee, .init(name: name, team_id: team, role: .serviceExpert, status: .active)
                    ).employee!.employee_id!)
            }
            for (employee, score) in zip(answering, [9, 9, 10, 7, 3] as [Int32]) {
                _ = try await world.client.call(Staff.submitPulse, .init(employee_id: employee, score: score))
            }
            try await world.withWeb { web in
                try await web.signIn("vera@example.com", password: WebPeople.password)
                let page = try await web.get("/people/pulse").body
                #expect(page.contains(#"<span class="big">40</span> eNPS"#), "\(page)")
                #expect(page.contains("5 answers: 3 promoters, 1 passives, 1 detractors."))
                #expect(!page.contains("Wim") && !page.contains("Answers so far"))
            }
            await world.shutdown()
        }
    }
}

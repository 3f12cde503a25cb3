import Bus
import Contract
import Foundation
import Testing

@testable import WebService

extension PeopleWebTests {
    /// bcrypt at staff's real cost is slow on a busy machine: calls may take many
    /// seconds here, so each test waits up to a minute per call.
    @Suite("People: the hiring pipeline", .timeLimit(.minutes(5)))
    struct HiringPageTests {
        @Test("HR sees the candidates' stages, the doubt that blocks a hire and why, and records their own evaluation")
        func pipeline() async throws {
            let world = try await WebWorld(callTimeout: .seconds(60))
            let office = try await PeopleOffice(world)
            try await world.withWeb { web in
                try await web.signIn("bram@example.com", password: WebPeople.password)
                let list = try await web.get("/people/hiring")
                #expect(list.status == .ok)
                #expect(list.body.contains(">Kees</strong>") && list.body.contains("Blocked: any doubt is a no"))
                #expect(!list.body.contains("Lotte"), "hired: no longer a candidate")
                let kees = try await web.get("/people/hiring/\(office.candidate)")
                #expect(kees.status == .ok)
                #expect(kees.body.contains("Vera (Hiring manager): Doubt on Be humble"), "\(kees.body)")
                #expect(kees.body.contains("Why: Talked only about himself"))
                #expect(kees.body.contains("Hiring manager evaluated · 0 colleagues evaluated"))
                let fields = [
                    ("csrf", kees.hidden("csrf") ?? ""), ("once", kees.hidden("once") ?? ""), ("role", "employee"),
                    ("fit.deliver-wow-through-service", "fit"),
                    ("note.deliver-wow-through-service", "Lit up about customers"),
                    ("fit.be-humble", ""), ("note", "Picked up at the station by me"),
                ]
                let posted = try await web.post("/people/hiring/\(office.candidate)/evaluation", fields)
                #expect(posted.status == .seeOther && posted.location == "/people/hiring/\(office.candidate)")
                let after = try await web.get("/people/hiring/\(office.candidate)").body
                #expect(after.contains(#"role="status">Your evaluation was recorded."#))
                #expect(after.contains("<strong>Bram</strong> · Colleague") && after.contains("Lit up about customers"))
                #expect(after.contains("Hiring manager evaluated · 1 colleagues evaluated"))

                _ = try await web.post(
                    "/people/hiring/\(office.candidate)/evaluation",
                    [("csrf", kees.hidden("csrf") ?? ""), ("once", "empty"), ("role", "employee")])
                let empty = try await web.get("/people/hiring/\(office.candidate)").body
                #expect(empty.contains(#"role="alert">fits: must judge at least one core value"#))
            }
            let evaluations = try await world.client.call(Staff.listEvaluations, .init(candidate_id: office.candidate))
            #expect(evaluations.evaluations.map(\.evaluator_id) == [office.people.lead, office.hr])
            await world.shutdown()
        }

        @Test("an agent cannot see the hiring pipeline nor record an evaluation through it")
        func agentRefused() async throws {
            let world = try await WebWorld(callTimeout: .seconds(60))
            let office = try await PeopleOffice(world)
            try await world.withWeb { web in
                try await web.signIn("noor@example.com", password: WebPeople.password)
                let list = try await web.get("/people/hiring")
                #expect(list.status == .forbidden && list.body.contains(#"role="alert">The hiring pipeline is for HR"#))
                #expect(!list.body.contains("Kees"))
                let kees = try await web.get("/people/hiring/\(office.candidate)")
                #expect(kees.status == .forbidden && !kees.body.contains("Talked only about himself"))
                let csrf = try await web.get("/people/compliments").hidden("csrf") ?? ""
                _ = try await web.post(
                    "/people/hiring/\(office.candidate)/evaluation",
                    [("csrf", csrf), ("once", "x"), ("role", "employee"), ("fit.be-humble", "fit")])
            }
            let evaluations = try await world.client.call(Staff.listEvaluations, .init(candidate_id: office.candidate))
            #expect(evaluations.evaluations.count == 1)
            await world.shutdown()
        }
    }
}

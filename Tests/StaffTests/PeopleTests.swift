import Bus
import Contract
import Domain
import Foundation
import Testing

@testable import StaffService

@Suite("plans, one-to-ones, peer compliments and the pulse")
struct PeopleTests {
    @Test("a personal plan holds the ambition and goals whose progress is tracked")
    func plans() async throws {
        try await withStaff { staff in
            let piet = try await staff.employee("Piet").employee_id!
            let lead = try await staff.employee("Quinta", role: .teamLead).employee_id!
            let empty = try await staff.call(Staff.getPlan, .init(employee_id: piet)).plan!
            #expect(empty.ambition == nil && empty.goals.isEmpty)
            _ = try await staff.call(Staff.updatePlan, .init(employee_id: piet, ambition: "Lead Special Care one day"))
            let goal = try await staff.call(
                Staff.addGoal,
                .init(
                    employee_id: piet, title: "Be more customer-centric", measure: "personal NPS above 60",
                    due_date: "2027-06-30")
            ).goal!
            #expect(goal.status == .notStarted)
            let progress = try await staff.call(
                Staff.addGoalProgress,
                .init(goal_id: goal.goal_id, author_id: lead, note: "good calls", percent_complete: 40))
            #expect(progress.goal?.status == .inProgress && progress.entry?.percent_complete == 40)
            _ = try await staff.call(Staff.updateGoal, .init(goal_id: goal.goal_id, status: .achieved))
            let plan = try await staff.call(Staff.getPlan, .init(employee_id: piet)).plan!
            #expect(plan.ambition == "Lead Special Care one day" && plan.goals.count == 1)
            #expect(plan.goals[0].status == .achieved && plan.goals[0].progress.map(\.note) == ["good calls"])
            await expectRPCError(.invalidArgument, "percent_complete") {
                _ = try await staff.call(Staff.addGoalProgress, .init(goal_id: goal.goal_id, percent_complete: 101))
            }
            await expectRPCError(.invalidArgument, "title") {
                _ = try await staff.call(Staff.addGoal, .init(employee_id: piet, title: ""))
            }
            await expectRPCError(.invalidArgument, "due_date") {
                _ = try await staff.call(Staff.addGoal, .init(employee_id: piet, title: "x", due_date: "next week"))
            }
            let types = try await staff.events().map(\.type).filter { $0.hasPrefix("goal.") || $0.hasPrefix("plan.") }
            #expect(types == ["plan.updated", "goal.added", "goal.progress_added", "goal.updated", "goal.updated"])
        }
    }

    @Test("one-to-one notes are listed newest first and their text never leaves in an event")
    func oneToOnes() async throws {
        try await withStaff { staff in
            let rosa = try await staff.employee("Rosa").employee_id!
            let lead = try await staff.employee("Sem", role: .teamLead).employee_id!
            let start = StaffHarness.start.unixMilliseconds
            for (offset, text) in [(0, "first talk"), (86_400_000, "second talk")] {
                _ = try await staff.call(
                    Staff.addOneToOneNote,
                    .init(employee_id: rosa, author_id: lead, held_at_ms: start + Int64(offset), text: text))
            }
            _ = try await staff.call(
                Staff.addOneToOneNote,
                .init(
                    employee_id: rosa, author_id: lead, kind: .review, held_at_ms: start - 1000, text: "secret review"))
            let notes = try await staff.call(Staff.listOneToOneNotes, .init(employee_id: rosa)).notes
            #expect(notes.map(\.text) == ["second talk", "first talk", "secret review"])
            #expect(notes[0].kind == .oneToOne && notes[2].kind == .review)
            let events = try await staff.events().filter { $0.type == "one_to_one.recorded" }
            #expect(events.count == 3)
            #expect(!events.contains { String(decoding: $0.payload, as: UTF8.self).contains("secret") })
            await expectRPCError(.invalidArgument, "text") {
                _ = try await staff.call(Staff.addOneToOneNote, .init(employee_id: rosa, author_id: lead))
            }
            await expectRPCError(.notFound) {
                _ = try await staff.call(Staff.addOneToOneNote, .init(employee_id: rosa, author_id: "emp-x", text: "t"))
            }
        }
    }

    @Test("peer compliments can carry a core value and are found by recipient, team and value")
    func peerCompliments() async throws {
        try await withStaff { staff in
            let team = try await staff.team("Experts").team_id!
            let tom = try await staff.employee("Tom", team: team).employee_id!
            let uma = try await staff.employee("Uma").employee_id!
            let given = try await staff.call(
                Staff.givePeerCompliment,
                .init(
                    from_employee_id: uma, to_employee_id: tom, text: "Saved that birthday!",
                    value_id: "deliver-wow-through-service")
            ).compliment!
            #expect(given.team_id == team && given.value_id == "deliver-wow-through-service")
            _ = try await staff.call(
                Staff.givePeerCompliment, .init(from_employee_id: tom, to_employee_id: uma, text: "Thanks"))
            #expect(try await staff.call(Staff.listPeerCompliments, .init(team_id: team)).compliments == [given])
            #expect(
                try await staff.call(Staff.listPeerCompliments, .init(value_id: "deliver-wow-through-service"))
                    .compliments
                    .map(\.compliment_id) == [given.compliment_id])
            #expect(try await staff.call(Staff.listPeerCompliments, .init()).compliments.count == 2)
            await expectRPCError(.notFound, "value_id") {
                _ = try await staff.call(
                    Staff.givePeerCompliment,
                    .init(from_employee_id: uma, to_employee_id: tom, text: "x", value_id: "no-such"))
            }
            await expectRPCError(.invalidArgument, "to_employee_id") {
                _ = try await staff.call(
                    Staff.givePeerCompliment, .init(from_employee_id: uma, to_employee_id: uma, text: "me"))
            }
        }
    }

    @Test("the pulse is anonymous per team and period, one answer per person, and withheld below 5 answers")
    func pulse() async throws {
        try await withStaff { staff in
            let team = try await staff.team("Social").team_id!
            var people: [String] = []
            for index in 0..<5 { people.append(try await staff.employee("P\(index)", team: team).employee_id!) }
            for (person, score) in zip(people.prefix(4), [10, 9, 7, 3]) {
                let reply = try await staff.call(Staff.submitPulse, .init(employee_id: person, score: Int32(score)))
                #expect(reply.team_id == team && reply.period == "2026-11")
            }
            let withheld = try await staff.call(Staff.getPulseResult, .init(team_id: team)).result!
            #expect(withheld.withheld == true && withheld.answers == 4 && withheld.min_answers == 5)
            #expect(withheld.enps == nil && withheld.promoters == nil && withheld.detractors == nil)

            _ = try await staff.call(Staff.submitPulse, .init(employee_id: people[4], score: 0, period: "2026-11"))
            let shown = try await staff.call(Staff.getPulseResult, .init(team_id: team, period: "2026-11")).result!
            #expect(shown.withheld == false && shown.answers == 5)
            #expect(shown.promoters == 2 && shown.passives == 1 && shown.detractors == 2 && shown.enps == 0)
            #expect(
                try await staff.call(Staff.getPulseResult, .init(team_id: team, period: "2026-10")).result?.answers == 0
            )

            await expectRPCError(.alreadyExists) {
                _ = try await staff.call(Staff.submitPulse, .init(employee_id: people[0], score: 8))
            }
            await expectRPCError(.invalidArgument, "score") {
                _ = try await staff.call(Staff.submitPulse, .init(employee_id: people[0], score: -1, period: "2026-12"))
            }
            await expectRPCError(.invalidArgument, "period") {
                _ = try await staff.call(Staff.submitPulse, .init(employee_id: people[0], score: 5, period: "2026-13"))
            }
            let loner = try await staff.employee("Loner").employee_id!
            await expectRPCError(.failedPrecondition, "no team") {
                _ = try await staff.call(Staff.submitPulse, .init(employee_id: loner, score: 5))
            }
            // Events carry team and period, never who answered.
            let events = try await staff.events().filter { $0.type == "pulse.submitted" }
            #expect(events.count == 5 && events.allSatisfy { $0.subject_id == team })
            for event in events {
                let bytes = String(decoding: event.payload, as: UTF8.self)
                #expect(!people.contains { bytes.contains($0) })
            }
        }
    }
}

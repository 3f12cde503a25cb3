@testable import AnalyticsCore
import Bus
import Contract
import Domain
import Foundation
import Testing

@Suite("Personal NPS follows the acting employee's rights")
struct PersonalNpsRightsTests {
    /// The generated world (agents emp-01..emp-24 in team-1..team-5), with emp-01
    /// leading team-2 and a director, emp-director.
    static let model: AnalyticsReadModel = {
        var generated = GeneratedEvents(seed: 42)
        generated.record(
            "staff", "team.updated", at: GeneratedEvents.start,
            Staff.TeamUpdated(team: Staff.Team(team_id: "team-2", name: "Team 2", lead_id: "emp-01")))
        generated.record(
            "staff", "employee.created", at: GeneratedEvents.start,
            Staff.EmployeeCreated(
                employee: Staff.Employee(
                    employee_id: "emp-director", name: "Dana", role: .directorOfHappyCustomers)))
        let model = AnalyticsReadModel()
        for event in generated.all { model.apply(event) }
        model.markReady()
        return model
    }()

    func everyone(_ reply: Analytics.GetPersonalNpsRankingReply) -> Set<String> {
        Set((reply.ranked + reply.not_yet_rankable).compactMap(\.employee_id))
    }

    func ranking(as actor: String?) throws -> Analytics.GetPersonalNpsRankingReply {
        let window = try TimeWindow(
            from: .init(unixMilliseconds: GeneratedEvents.start - 1),
            to: .init(unixMilliseconds: GeneratedEvents.start + 31 * GeneratedEvents.day), timeZone: .gmt)
        return try Self.model.query { try $0.personalNpsRanking(.init(window: window), actor: actor) }
    }

    @Test("an agent sees only their own entry, a lead their team's people, the director and a service everyone")
    func visibility() throws {
        let all = everyone(try ranking(as: nil))
        #expect(all.count > 10)
        #expect(everyone(try ranking(as: "emp-07")) == ["emp-07"])
        // The generator puts emp-NN in team-(1 + NN % 5).
        let team2: Set<String> = ["emp-01", "emp-06", "emp-11", "emp-16", "emp-21"]
        #expect(everyone(try ranking(as: "emp-01")) == team2.intersection(all))
        #expect(everyone(try ranking(as: "emp-director")) == all)
        // An entry keeps its place in the whole ranking.
        let full = try ranking(as: nil).ranked.first { $0.employee_id == "emp-07" }
        #expect(try ranking(as: "emp-07").ranked.first?.rank == full?.rank)
    }

    @Test("someone analytics does not know as an employee is refused, naming the rule")
    func unknownActor() throws {
        #expect(
            throws: RPCError(.permissionDenied, "\(PersonalNpsRights.rule): emp-ghost is no employee analytics knows")
        ) {
            try ranking(as: "emp-ghost")
        }
    }
}

import Bus
import Contract
import Domain
import Foundation
import Testing

@testable import StaffService

/// A team with a lead and two agents, and someone from HR, for the rights tests.
struct RightsCast {
    let lead: String
    let agent: String
    let colleague: String
    let hr: String
    let outsider: String

    init(_ staff: StaffHarness) async throws {
        lead = try await staff.employee("Vera", role: .teamLead).employee_id!
        let team = try await staff.team("Experts", lead: lead).team_id!
        agent = try await staff.employee("Wim", team: team, budget: 1_000).employee_id!
        colleague = try await staff.employee("Noor", team: team).employee_id!
        hr = try await staff.employee("Hanna", role: .hr).employee_id!
        let otherLead = try await staff.employee("Otto", role: .teamLead).employee_id!
        outsider = try await staff.team("Others", lead: otherLead).lead_id!
        _ = try await staff.call(
            Staff.addOneToOneNote,
            .init(
                employee_id: agent, author_id: lead, text: "Wants to coach new colleagues", agreements: "buddy in May"))
    }
}

extension StaffHarness {
    /// Calls `method` on behalf of the employee `actor`, as the web front does.
    func call<Request, Reply>(_ method: Method<Request, Reply>, _ request: Request, as actor: String) async throws
        -> Reply
    {
        try await client.call(method, request, options: .init(actor: actor))
    }
}

@Suite("rights where the data lives")
struct RightsTests {
    @Test("a second agent cannot open the first one's one-to-one notes; the employee, their lead and HR can")
    func oneToOneNotes() async throws {
        try await withStaff { staff in
            let cast = try await RightsCast(staff)
            await expectRPCError(.permissionDenied, Rights.privateRecords, cast.colleague) {
                _ = try await staff.call(Staff.listOneToOneNotes, .init(employee_id: cast.agent), as: cast.colleague)
            }
            await expectRPCError(.permissionDenied, Rights.privateRecords) {
                _ = try await staff.call(Staff.listOneToOneNotes, .init(employee_id: cast.agent), as: cast.outsider)
            }
            for reader in [cast.agent, cast.lead, cast.hr] {
                let notes = try await staff.call(Staff.listOneToOneNotes, .init(employee_id: cast.agent), as: reader)
                #expect(notes.notes.map(\.agreements) == ["buddy in May"], "read by \(reader)")
            }
            await expectRPCError(.permissionDenied, Rights.privateRecords) {
                _ = try await staff.call(
                    Staff.addOneToOneNote, .init(employee_id: cast.agent, author_id: cast.colleague, text: "gossip"),
                    as: cast.colleague)
            }
        }
    }

    @Test("a plan and its goals are seen and changed only by the employee, their lead and HR")
    func plans() async throws {
        try await withStaff { staff in
            let cast = try await RightsCast(staff)
            let goal = try await staff.call(
                Staff.addGoal, .init(employee_id: cast.agent, title: "Lead a training"), as: cast.agent
            ).goal!
            await expectRPCError(.permissionDenied, Rights.privateRecords) {
                _ = try await staff.call(Staff.getPlan, .init(employee_id: cast.agent), as: cast.colleague)
            }
            await expectRPCError(.permissionDenied, Rights.privateRecords) {
                _ = try await staff.call(
                    Staff.updateGoal, .init(goal_id: goal.goal_id, status: .achieved), as: cast.colleague)
            }
            let plan = try await staff.call(Staff.getPlan, .init(employee_id: cast.agent), as: cast.lead).plan!
            #expect(plan.goals.map(\.title) == ["Lead a training"])
            _ = try await staff.call(
                Staff.addGoalProgress, .init(goal_id: goal.goal_id, author_id: cast.hr, percent_complete: 50),
                as: cast.hr)
        }
    }

    @Test("onboarding and the offer are private records; the hiring pipeline is for HR, leads and the director")
    func privateReadsAndHiring() async throws {
        try await withStaff { staff in
            let cast = try await RightsCast(staff)
            await expectRPCError(.permissionDenied, Rights.privateRecords, cast.colleague) {
                _ = try await staff.call(Staff.getOnboarding, .init(employee_id: cast.agent), as: cast.colleague)
            }
            await expectRPCError(.permissionDenied, Rights.privateRecords, cast.colleague) {
                _ = try await staff.call(Staff.getOffer, .init(employee_id: cast.agent), as: cast.colleague)
            }
            let candidate = try await staff.employee("Kees", status: .candidate).employee_id!
            await expectRPCError(.permissionDenied, Rights.hiringPipeline, cast.agent) {
                _ = try await staff.call(Staff.listEvaluations, .init(candidate_id: candidate), as: cast.agent)
            }
            await expectRPCError(.permissionDenied, Rights.hiringPipeline, cast.agent) {
                _ = try await staff.call(Staff.getHireDecision, .init(candidate_id: candidate), as: cast.agent)
            }
            for reader in [cast.lead, cast.hr] {
                let evaluations = try await staff.call(
                    Staff.listEvaluations, .init(candidate_id: candidate), as: reader)
                #expect(evaluations.evaluations.isEmpty, "read by \(reader)")
            }
        }
    }

    @Test("a compliment and a pulse answer are given only in one's own name")
    func ownName() async throws {
        try await withStaff { staff in
            let cast = try await RightsCast(staff)
            await expectRPCError(.permissionDenied, Rights.ownName, cast.colleague) {
                _ = try await staff.call(
                    Staff.givePeerCompliment,
                    .init(from_employee_id: cast.agent, to_employee_id: cast.colleague, text: "I am great"),
                    as: cast.colleague)
            }
            await expectRPCError(.permissionDenied, Rights.ownName, cast.colleague) {
                _ = try await staff.call(
                    Staff.submitPulse, .init(employee_id: cast.agent, score: 0), as: cast.colleague)
            }
            let given = try await staff.call(
                Staff.givePeerCompliment,
                .init(from_employee_id: cast.colleague, to_employee_id: cast.agent, text: "Thanks for the help"),
                as: cast.colleague)
            #expect(given.compliment?.from_employee_id == cast.colleague)
            _ = try await staff.call(Staff.submitPulse, .init(employee_id: cast.agent, score: 9), as: cast.agent)
        }
    }

    @Test("an evaluation is recorded only by the evaluator themself")
    func evaluations() async throws {
        try await withStaff { staff in
            let cast = try await RightsCast(staff)
            let candidate = try await staff.employee("Cas", status: .candidate).employee_id!
            let fits = [Staff.ValueFit(value_id: "deliver-wow-through-service", verdict: .fit)]
            await expectRPCError(.permissionDenied, Rights.ownEvaluation) {
                _ = try await staff.call(
                    Staff.recordEvaluation,
                    .init(candidate_id: candidate, evaluator_id: cast.lead, evaluator_role: .employee, fits: fits),
                    as: cast.colleague)
            }
            let recorded = try await staff.call(
                Staff.recordEvaluation,
                .init(candidate_id: candidate, evaluator_id: cast.lead, evaluator_role: .employee, fits: fits),
                as: cast.lead)
            #expect(recorded.evaluation?.evaluator_id == cast.lead)
        }
    }

    @Test("only the lead of the agent's team approves a budget overrun, and only in their own name")
    func budgetOverrun() async throws {
        try await withStaff { staff in
            let cast = try await RightsCast(staff)
            let request = Staff.ApproveBudgetOverrunRequest(
                team_lead_id: cast.lead, employee_id: cast.agent, amount: euros(5_000), ticket_id: "tkt-1")
            await expectRPCError(.permissionDenied, Rights.overrunApprover) {
                _ = try await staff.call(Staff.approveBudgetOverrun, request, as: cast.agent)
            }
            var asOutsider = request
            asOutsider.team_lead_id = cast.outsider
            await expectRPCError(.permissionDenied, "does not lead the team") {
                _ = try await staff.call(Staff.approveBudgetOverrun, asOutsider, as: cast.outsider)
            }
            let approved = try await staff.call(Staff.approveBudgetOverrun, request, as: cast.lead)
            #expect(approved.entry?.approved_by_id == cast.lead && approved.remaining == euros(-4_000))
        }
    }

    @Test("an unknown or deactivated acting employee is refused")
    func unknownActor() async throws {
        try await withStaff { staff in
            let cast = try await RightsCast(staff)
            await expectRPCError(.permissionDenied, "acting_employee_id") {
                _ = try await staff.call(Staff.getPlan, .init(employee_id: cast.agent), as: "emp-nobody")
            }
            _ = try await staff.call(Staff.setAccountActive, .init(employee_id: cast.lead, active: false), as: cast.hr)
            await expectRPCError(.permissionDenied, "deactivated") {
                _ = try await staff.call(Staff.listOneToOneNotes, .init(employee_id: cast.agent), as: cast.lead)
            }
        }
    }
}

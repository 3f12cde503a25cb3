import Bus
import Contract
import Domain
import Testing

@testable import StaffService

@Suite("hiring and onboarding")
struct HiringTests {
    @Test("any doubt from anyone (even the driver) blocks the hire, and the refusal lists the reasons")
    func blockedHire() async throws {
        try await withStaff { staff in
            let candidate = try await staff.employee("Gijs", status: .candidate)
            let manager = try await staff.employee("Hanna", role: .teamLead)
            let driver = try await staff.employee("Ivo", role: .other)
            let id = candidate.employee_id!
            #expect(try await staff.call(Staff.getHireDecision, .init(candidate_id: id)).decision?.verdict == .pending)
            _ = try await staff.call(
                Staff.recordEvaluation,
                .init(
                    candidate_id: id, evaluator_id: manager.employee_id, evaluator_role: .hiringManager,
                    fits: [.init(value_id: "deliver-wow-through-service", verdict: .fit)]))
            _ = try await staff.call(
                Staff.recordEvaluation,
                .init(
                    candidate_id: id, evaluator_id: driver.employee_id, evaluator_role: .employee,
                    fits: [
                        .init(value_id: "be-humble", verdict: .doubt, note: "rude to the driver"),
                        .init(value_id: "create-fun-and-a-little-weirdness", verdict: .fit),
                    ]))
            let decision = try await staff.call(Staff.getHireDecision, .init(candidate_id: id)).decision!
            #expect(decision.verdict == .blocked && decision.hiring_manager_evaluated == true)
            #expect(decision.reasons.map(\.value_id) == ["be-humble"])
            #expect(
                decision.reasons.first?.evaluator_id == driver.employee_id && decision.reasons.first?.verdict == .doubt)
            await expectRPCError(.failedPrecondition, "be-humble", "rude to the driver", driver.employee_id!) {
                _ = try await staff.call(
                    Staff.hireCandidate, .init(candidate_id: id, decided_by_id: manager.employee_id))
            }
            #expect(try await staff.call(Staff.getEmployee, .init(employee_id: id)).employee?.status == .candidate)
            #expect(try await staff.call(Staff.listEvaluations, .init(candidate_id: id)).evaluations.count == 2)
        }
    }

    @Test("one person recording both roles does not clear a candidate; a second person does")
    func onePersonIsNotEnough() async throws {
        try await withStaff { staff in
            let id = try await staff.employee("Lotte", status: .candidate).employee_id!
            let manager = try await staff.employee("Maarten", role: .teamLead).employee_id!
            let colleague = try await staff.employee("Nina").employee_id!
            let fit = [Staff.ValueFit(value_id: "deliver-wow-through-service", verdict: .fit)]
            for role in [Staff.EvaluatorRole.hiringManager, .employee] {
                _ = try await staff.call(
                    Staff.recordEvaluation,
                    .init(candidate_id: id, evaluator_id: manager, evaluator_role: role, fits: fit))
            }
            let alone = try await staff.call(Staff.getHireDecision, .init(candidate_id: id)).decision!
            #expect(alone.verdict == .pending)
            #expect(alone.employee_evaluations == 0)
            await expectRPCError(.failedPrecondition, "an evaluation by an employee") {
                _ = try await staff.call(Staff.hireCandidate, .init(candidate_id: id, decided_by_id: manager))
            }
            _ = try await staff.call(
                Staff.recordEvaluation,
                .init(candidate_id: id, evaluator_id: colleague, evaluator_role: .employee, fits: fit))
            let together = try await staff.call(Staff.getHireDecision, .init(candidate_id: id)).decision!
            #expect(together.verdict == .clear && together.employee_evaluations == 1)
        }
    }

    @Test("evaluations are refused for unknown values, people and non-candidates")
    func evaluationRefusals() async throws {
        try await withStaff { staff in
            let candidate = try await staff.employee("Jan", status: .candidate)
            let manager = try await staff.employee("Kim")
            let fit = [Staff.ValueFit(value_id: "be-humble", verdict: .fit)]
            await expectRPCError(.notFound, "fits[0].value_id") {
                _ = try await staff.call(
                    Staff.recordEvaluation,
                    .init(
                        candidate_id: candidate.employee_id, evaluator_id: manager.employee_id,
                        evaluator_role: .employee,
                        fits: [.init(value_id: "no-such-value", verdict: .fit)]))
            }
            await expectRPCError(.invalidArgument, "fits[0].verdict") {
                _ = try await staff.call(
                    Staff.recordEvaluation,
                    .init(
                        candidate_id: candidate.employee_id, evaluator_id: manager.employee_id,
                        evaluator_role: .employee,
                        fits: [.init(value_id: "be-humble")]))
            }
            await expectRPCError(.invalidArgument, "evaluator_role") {
                _ = try await staff.call(
                    Staff.recordEvaluation,
                    .init(candidate_id: candidate.employee_id, evaluator_id: manager.employee_id, fits: fit))
            }
            await expectRPCError(.notFound, "emp-ghost") {
                _ = try await staff.call(
                    Staff.recordEvaluation,
                    .init(
                        candidate_id: candidate.employee_id, evaluator_id: "emp-ghost", evaluator_role: .employee,
                        fits: fit))
            }
            await expectRPCError(.failedPrecondition, "not a candidate") {
                _ = try await staff.call(
                    Staff.recordEvaluation,
                    .init(
                        candidate_id: manager.employee_id, evaluator_id: candidate.employee_id,
                        evaluator_role: .employee, fits: fit))
            }
        }
    }

    @Test(
        "a clear hire starts onboarding: listen-in day, 5 weeks of training, then first customer contact moves to probation"
    )
    func hireAndOnboard() async throws {
        try await withStaff { staff in
            let (candidate, manager) = try await clearCandidate(staff)
            let hired = try await staff.call(
                Staff.hireCandidate,
                .init(candidate_id: candidate, decided_by_id: manager, start_date: "2026-12-01"))
            #expect(hired.employee?.status == .onboarding && hired.decision?.verdict == .clear)
            let onboarding = hired.onboarding!
            #expect(onboarding.training_weeks == 5 && onboarding.complete == false)
            #expect(onboarding.steps.map(\.kind) == [.listenInDay, .training, .firstCustomerContact])
            #expect(onboarding.steps.map(\.due_date) == ["2026-12-01", "2027-01-05", "2027-01-06"])
            #expect(onboarding.steps[1].weeks == 5)

            let steps = onboarding.steps.map { $0.step_id! }
            await expectRPCError(.failedPrecondition, "training") {
                _ = try await staff.call(Staff.completeOnboardingStep, .init(employee_id: candidate, step_id: steps[2]))
            }
            _ = try await staff.call(Staff.completeOnboardingStep, .init(employee_id: candidate, step_id: steps[0]))
            let extra = try await staff.call(
                Staff.addOnboardingStep, .init(employee_id: candidate, kind: .other, title: "Visit the warehouse")
            ).onboarding!
            #expect(extra.steps.last?.title == "Visit the warehouse" && extra.steps.last?.position == 4)
            _ = try await staff.call(Staff.completeOnboardingStep, .init(employee_id: candidate, step_id: steps[1]))
            let done = try await staff.call(
                Staff.completeOnboardingStep, .init(employee_id: candidate, step_id: steps[2], completed_by_id: manager)
            ).onboarding!
            #expect(done.steps[2].completed_by_id == manager && done.complete == false)
            #expect(
                try await staff.call(Staff.getEmployee, .init(employee_id: candidate)).employee?.status == .probation)
            await expectRPCError(.failedPrecondition, "already completed") {
                _ = try await staff.call(Staff.completeOnboardingStep, .init(employee_id: candidate, step_id: steps[0]))
            }
            await expectRPCError(.notFound) {
                _ = try await staff.call(Staff.completeOnboardingStep, .init(employee_id: candidate, step_id: "step-x"))
            }
            let types = try await staff.events().map(\.type)
            #expect(types.contains("candidate.hired") && types.filter { $0 == "onboarding.step_added" }.count == 4)
            #expect(types.filter { $0 == "onboarding.step_completed" }.count == 3)
        }
    }

    @Test("a hire with evaluations missing is pending and refused, naming what is missing")
    func pendingHire() async throws {
        try await withStaff { staff in
            let candidate = try await staff.employee("Lars", status: .candidate)
            let manager = try await staff.employee("Mila")
            _ = try await staff.call(
                Staff.recordEvaluation,
                .init(
                    candidate_id: candidate.employee_id, evaluator_id: manager.employee_id,
                    evaluator_role: .hiringManager,
                    fits: [.init(value_id: "be-humble", verdict: .fit)]))
            await expectRPCError(.failedPrecondition, "an evaluation by an employee") {
                _ = try await staff.call(
                    Staff.hireCandidate, .init(candidate_id: candidate.employee_id, decided_by_id: manager.employee_id))
            }
            await expectRPCError(.invalidArgument, "training_weeks") {
                _ = try await staff.call(
                    Staff.hireCandidate,
                    .init(candidate_id: candidate.employee_id, decided_by_id: manager.employee_id, training_weeks: 0))
            }
        }
    }
}

/// A candidate with a clear fit from the hiring manager and one employee; returns
/// the candidate's and the manager's ids.
func clearCandidate(_ staff: StaffHarness, email: String? = nil) async throws -> (String, String) {
    let candidate = try await staff.employee("Candidate", email: email, status: .candidate).employee_id!
    let manager = try await staff.employee("Manager", role: .teamLead).employee_id!
    let colleague = try await staff.employee("Colleague").employee_id!
    for (evaluator, role) in [(manager, Staff.EvaluatorRole.hiringManager), (colleague, .employee)] {
        _ = try await staff.call(
            Staff.recordEvaluation,
            .init(
                candidate_id: candidate, evaluator_id: evaluator, evaluator_role: role,
                fits: [.init(value_id: "deliver-wow-through-service", verdict: .fit)]))
    }
    return (candidate, manager)
}

/// Hires a clear candidate and completes onboarding, so they are in probation.
func employeeInProbation(_ staff: StaffHarness, email: String? = nil) async throws -> (String, String) {
    let (candidate, manager) = try await clearCandidate(staff, email: email)
    let hired = try await staff.call(Staff.hireCandidate, .init(candidate_id: candidate, decided_by_id: manager))
    for step in hired.onboarding!.steps {
        _ = try await staff.call(Staff.completeOnboardingStep, .init(employee_id: candidate, step_id: step.step_id))
    }
    return (candidate, manager)
}

import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    // RecordEvaluation, ListEvaluations, GetHireDecision, HireCandidate.
    func recordEvaluation(_ request: Staff.RecordEvaluationRequest, _ context: CallContext) async throws
        -> Staff.RecordEvaluationReply
    {
        var clean = request
        clean.candidate_id = try Fields.id(request.candidate_id, "candidate_id")
        clean.evaluator_id = try Fields.id(request.evaluator_id, "evaluator_id")
        clean.evaluator_role = try Fields.chosen(request.evaluator_role, "evaluator_role")
        guard clean.candidate_id != clean.evaluator_id else {
            throw RPCError.invalidArgument(field: "evaluator_id", "a candidate cannot evaluate themselves")
        }
        guard !request.fits.isEmpty else {
            throw RPCError.invalidArgument(field: "fits", "must judge at least one core value")
        }
        clean.fits = try request.fits.enumerated().map { index, fit in
            Staff.ValueFit(
                value_id: try Fields.slug(fit.value_id, "fits[\(index)].value_id"),
                verdict: try Fields.chosen(fit.verdict, "fits[\(index)].verdict"),
                note: try Fields.optionalText(fit.note, "fits[\(index)].note"))
        }
        clean.note = try Fields.optionalText(request.note, "note")
        return Staff.RecordEvaluationReply(
            evaluation: try await store.recordEvaluation(clean, key: context.idempotencyKey))
    }

    func listEvaluations(_ request: Staff.ListEvaluationsRequest, _ context: CallContext) async throws
        -> Staff.ListEvaluationsReply
    {
        Staff.ListEvaluationsReply(
            evaluations: try await store.evaluations(of: try Fields.id(request.candidate_id, "candidate_id")))
    }

    func getHireDecision(_ request: Staff.GetHireDecisionRequest, _ context: CallContext) async throws
        -> Staff.GetHireDecisionReply
    {
        Staff.GetHireDecisionReply(
            decision: try await store.hireDecision(for: try Fields.id(request.candidate_id, "candidate_id")))
    }

    func hireCandidate(_ request: Staff.HireCandidateRequest, _ context: CallContext) async throws
        -> Staff.HireCandidateReply
    {
        var clean = request
        clean.candidate_id = try Fields.id(request.candidate_id, "candidate_id")
        clean.decided_by_id = try Fields.id(request.decided_by_id, "decided_by_id")
        clean.start_date = try Checks.date(request.start_date, "start_date")
        if let weeks = request.training_weeks, !(1...52).contains(weeks) {
            throw RPCError.invalidArgument(field: "training_weeks", "must be 1...52, got \(weeks)")
        }
        return try await store.hire(clean, key: context.idempotencyKey)
    }

    // GetOnboarding, AddOnboardingStep, CompleteOnboardingStep.
    func getOnboarding(_ request: Staff.GetOnboardingRequest, _ context: CallContext) async throws
        -> Staff.GetOnboardingReply
    {
        Staff.GetOnboardingReply(
            onboarding: try await store.onboarding(of: try Fields.id(request.employee_id, "employee_id")))
    }

    func addOnboardingStep(_ request: Staff.AddOnboardingStepRequest, _ context: CallContext) async throws
        -> Staff.AddOnboardingStepReply
    {
        var clean = request
        clean.employee_id = try Fields.id(request.employee_id, "employee_id")
        clean.kind = try Fields.chosen(request.kind, "kind")
        clean.title = try Fields.optionalText(request.title, "title")
        clean.due_date = try Checks.date(request.due_date, "due_date")
        if let weeks = request.weeks, !(1...52).contains(weeks) {
            throw RPCError.invalidArgument(field: "weeks", "must be 1...52, got \(weeks)")
        }
        return Staff.AddOnboardingStepReply(
            onboarding: try await store.addOnboardingStep(clean, key: context.idempotencyKey))
    }

    func completeOnboardingStep(_ request: Staff.CompleteOnboardingStepRequest, _ context: CallContext) async throws
        -> Staff.CompleteOnboardingStepReply
    {
        var clean = request
        clean.employee_id = try Fields.id(request.employee_id, "employee_id")
        clean.step_id = try Fields.id(request.step_id, "step_id")
        clean.completed_by_id = try Fields.optionalID(request.completed_by_id, "completed_by_id")
        clean.note = try Fields.optionalText(request.note, "note")
        return Staff.CompleteOnboardingStepReply(
            onboarding: try await store.completeOnboardingStep(clean, key: context.idempotencyKey))
    }
}

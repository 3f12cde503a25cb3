import Bus
import Contract
import Domain
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
        let evaluation = try await store.write(method: "RecordEvaluation", idempotencyKey: context.idempotencyKey) {
            [clean] tx in
            let candidateID = try clean.candidate_id.stored("candidate_id")
            let candidate = try tx.existingEmployee(candidateID, as: "candidate")
            _ = try tx.existingEmployee(try clean.evaluator_id.stored("evaluator_id"), as: "evaluator")
            try HireRules.checkEvaluable(candidate)
            for (index, fit) in clean.fits.enumerated() {
                try tx.requireCoreValue(try fit.value_id.stored("value_id"), field: "fits[\(index)].value_id")
            }
            let evaluation = Staff.Evaluation(
                evaluation_id: NewID.make("eval"), candidate_id: candidateID, evaluator_id: clean.evaluator_id,
                evaluator_role: clean.evaluator_role, fits: clean.fits, note: clean.note, recorded_at_ms: tx.nowMs)
            try tx.insert(evaluation)
            try tx.record("evaluation.recorded", subject: candidateID, Staff.EvaluationRecorded(evaluation: evaluation))
            return evaluation
        }
        return Staff.RecordEvaluationReply(evaluation: evaluation)
    }

    func listEvaluations(_ request: Staff.ListEvaluationsRequest, _ context: CallContext) async throws
        -> Staff.ListEvaluationsReply
    {
        let candidateID = try Fields.id(request.candidate_id, "candidate_id")
        return Staff.ListEvaluationsReply(
            evaluations: try await store.read { tx in
                _ = try tx.existingEmployee(candidateID, as: "candidate")
                return try tx.evaluations(candidateID: candidateID)
            })
    }

    func getHireDecision(_ request: Staff.GetHireDecisionRequest, _ context: CallContext) async throws
        -> Staff.GetHireDecisionReply
    {
        let candidateID = try Fields.id(request.candidate_id, "candidate_id")
        return Staff.GetHireDecisionReply(
            decision: try await store.read { tx in
                _ = try tx.existingEmployee(candidateID, as: "candidate")
                return HireRules.decision(for: candidateID, try tx.evaluations(candidateID: candidateID))
            })
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
        let timeZone = store.timeZone
        return try await store.write(method: "HireCandidate", idempotencyKey: context.idempotencyKey) { [clean] tx in
            var candidate = try tx.existingEmployee(try clean.candidate_id.stored("candidate_id"), as: "candidate")
            _ = try tx.existingEmployee(try clean.decided_by_id.stored("decided_by_id"), as: "hiring manager")
            let id = try candidate.employee_id.stored("employee_id")
            let emailBlocked = try candidate.email.map { try tx.rehireBlocked(email: $0) }
            let decision = HireRules.decision(for: id, try tx.evaluations(candidateID: id))
            try HireRules.checkHirable(candidate, emailBlocked: emailBlocked == true, decision: decision)
            let start = try clean.start_date.map { try LocalDate($0) } ?? LocalDate(containing: tx.now, in: timeZone)
            let weeks = clean.training_weeks ?? OnboardingRules.defaultTrainingWeeks
            candidate.status = .onboarding
            candidate.start_date = start.description
            candidate.updated_at_ms = tx.nowMs
            try tx.save(candidate)
            try tx.record(
                "candidate.hired", subject: id,
                Staff.CandidateHired(
                    employee_id: id, decided_by_id: clean.decided_by_id, start_date: start.description,
                    training_weeks: weeks))
            try tx.record(
                "employee.updated", subject: id, Staff.EmployeeUpdated(employee: candidate, previous_status: .candidate)
            )
            try tx.setTrainingWeeks(weeks, employeeID: id)
            for step in OnboardingRules.defaultSteps(start: start, trainingWeeks: weeks) {
                try tx.addStep(step, to: id)
            }
            return Staff.HireCandidateReply(
                employee: candidate, decision: decision, onboarding: try tx.onboarding(of: id))
        }
    }
}

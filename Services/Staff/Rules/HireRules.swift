import Contract
import ServiceKit

/// Hiring on core-value fit: the hiring manager AND employees judge the candidate,
/// and any doubt is a no.
enum HireRules {
    /// The decision `evaluations` add up to: BLOCKED by any doubt or no-fit (each
    /// one a reason), else PENDING until the hiring manager and at least one other
    /// person evaluated, else CLEAR. Evaluations count per person: someone who
    /// recorded both roles is the manager only, so one person never clears a hire.
    static func decision(for candidateID: String, _ evaluations: [Staff.Evaluation]) -> Staff.HireDecision {
        var reasons: [Staff.HireBlock] = []
        for evaluation in evaluations {
            for fit in evaluation.fits where fit.verdict == .doubt || fit.verdict == .noFit {
                reasons.append(
                    Staff.HireBlock(
                        evaluator_id: evaluation.evaluator_id, evaluator_role: evaluation.evaluator_role,
                        value_id: fit.value_id, verdict: fit.verdict, note: fit.note ?? evaluation.note))
            }
        }
        let managers = Set(evaluations.filter { $0.evaluator_role == .hiringManager }.map(\.evaluator_id))
        let manager = !managers.isEmpty
        let employees = Set(
            evaluations.filter { $0.evaluator_role == .employee && !managers.contains($0.evaluator_id) }
                .map(\.evaluator_id)
        ).count
        let verdict: Staff.HireVerdict = !reasons.isEmpty ? .blocked : (manager && employees > 0 ? .clear : .pending)
        return Staff.HireDecision(
            candidate_id: candidateID, verdict: verdict, reasons: reasons, hiring_manager_evaluated: manager,
            employee_evaluations: UInt32(employees))
    }

    /// Why `decision` does not allow the hire, for a FAILED_PRECONDITION message.
    static func refusal(_ decision: Staff.HireDecision) -> String {
        switch decision.verdict {
        case .blocked:
            let reasons = decision.reasons.map { block in
                let verdict = block.verdict == .doubt ? "doubt" : "no fit"
                let note = block.note.map { ": \($0)" } ?? ""
                return "\(verdict) on \(block.value_id ?? "?") from \(block.evaluator_id ?? "?")\(note)"
            }
            return "hire blocked (any doubt is a no): " + reasons.joined(separator: "; ")
        default:
            var missing: [String] = []
            if decision.hiring_manager_evaluated != true { missing.append("the hiring manager's evaluation") }
            if (decision.employee_evaluations ?? 0) == 0 { missing.append("an evaluation by an employee") }
            return "hire pending: still missing " + missing.joined(separator: " and ")
        }
    }

    /// Only a candidate is evaluated.
    /// - Throws: `Refusal.precondition` for anyone else.
    static func checkEvaluable(_ candidate: Staff.Employee) throws(Refusal) {
        guard candidate.status == .candidate else {
            throw Refusal.precondition("\(candidate.employee_id ?? "") is not a candidate")
        }
    }

    /// A candidate is hired when nobody who took the offer is hired again and every
    /// evaluation is clear (`decision`).
    /// - Parameter emailBlocked: The candidate's e-mail belongs to someone who took the offer.
    /// - Throws: `Refusal.precondition` naming why not.
    static func checkHirable(_ candidate: Staff.Employee, emailBlocked: Bool, decision: Staff.HireDecision)
        throws(Refusal)
    {
        let id = candidate.employee_id ?? ""
        if candidate.rehire_blocked == true || emailBlocked {
            throw Refusal.precondition("\(id) took the offer and left; someone who took it is never hired again")
        }
        guard candidate.status == .candidate else {
            throw Refusal.precondition("\(id) is not a candidate (status \(candidate.statusOrUnspecified))")
        }
        guard decision.verdict == .clear else { throw Refusal.precondition(refusal(decision)) }
    }
}

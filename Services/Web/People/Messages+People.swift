import Contract

/// Names of staff's vocabulary in the page's language: each value's text is the
/// catalogue key `people_<kind>_<case>` (`people_role_teamLead`).
extension Messages {
    func role(_ role: Staff.EmployeeRole?) -> String { named("role", role ?? .unspecified) }
    func employeeStatus(_ status: Staff.EmployeeStatus?) -> String { named("status", status ?? .unspecified) }
    func stepKind(_ kind: Staff.OnboardingStepKind?) -> String { named("step", kind ?? .unspecified) }
    func goalStatus(_ status: Staff.GoalStatus?) -> String { named("goal", status ?? .unspecified) }
    func offerStatus(_ status: Staff.OfferStatus?) -> String { named("offer", status ?? .unspecified) }
    func verdict(_ verdict: Staff.FitVerdict?) -> String { named("fit", verdict ?? .unspecified) }
    func hireVerdict(_ verdict: Staff.HireVerdict?) -> String { named("hire", verdict ?? .unspecified) }
    func evaluatorRole(_ role: Staff.EvaluatorRole?) -> String { named("evaluator", role ?? .unspecified) }

    private func named(_ kind: String, _ value: some Any) -> String { self["people_\(kind)_\(value)"] }
}

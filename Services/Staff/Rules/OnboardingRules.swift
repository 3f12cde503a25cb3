import ServiceKit
import Contract
import Domain

/// The onboarding checklist: every new employee listens in on customer service for
/// a day, then trains (5 weeks unless the hire says otherwise) before the first
/// customer contact.
enum OnboardingRules {
    static let defaultTrainingWeeks: UInt32 = 5

    /// The checklist a hire starts with, in order, due from `start`.
    static func defaultSteps(start: LocalDate, trainingWeeks weeks: UInt32) -> [Staff.OnboardingStep] {
        let trainingStart = start.adding(days: 1)
        return [
            Staff.OnboardingStep(
                kind: .listenInDay, title: "Listen in on customer service for a day", due_date: start.description),
            Staff.OnboardingStep(
                kind: .training, title: "Training before the phone (\(weeks) weeks)", weeks: weeks,
                due_date: trainingStart.adding(days: 7 * Int(weeks) - 1).description),
            Staff.OnboardingStep(
                kind: .firstCustomerContact, title: "First customer contact",
                due_date: trainingStart.adding(days: 7 * Int(weeks)).description),
        ]
    }

    /// The checklist of `employeeID`: complete when it has steps and all are done.
    static func checklist(of employeeID: String, trainingWeeks: UInt32?, steps: [Staff.OnboardingStep])
        -> Staff.Onboarding
    {
        Staff.Onboarding(
            employee_id: employeeID, training_weeks: trainingWeeks, steps: steps,
            complete: !steps.isEmpty && steps.allSatisfy { $0.completed_at_ms != nil })
    }

    /// The title a step gets when the request has none.
    static func defaultTitle(_ kind: Staff.OnboardingStepKind, weeks: UInt32?) -> String {
        switch kind {
        case .listenInDay: "Listen in on customer service for a day"
        case .training: "Training (\(weeks ?? 1) weeks)"
        case .firstCustomerContact: "First customer contact"
        default: "Onboarding step"
        }
    }

    /// The step AddOnboardingStep adds: a training lasts a week unless it says
    /// otherwise, and a step without a title gets `defaultTitle`.
    static func step(_ kind: Staff.OnboardingStepKind, _ request: Staff.AddOnboardingStepRequest)
        -> Staff.OnboardingStep
    {
        Staff.OnboardingStep(
            kind: kind, title: request.title ?? defaultTitle(kind, weeks: request.weeks),
            weeks: kind == .training ? (request.weeks ?? 1) : request.weeks, due_date: request.due_date)
    }

    /// The first customer contact waits until listening in and training are done.
    /// - Throws: FAILED_PRECONDITION naming the open steps.
    static func checkCanComplete(_ step: Staff.OnboardingStep, in steps: [Staff.OnboardingStep]) throws {
        guard step.completed_at_ms == nil else {
            throw Refusal.precondition("step \(step.step_id ?? "") is already completed")
        }
        guard step.kind == .firstCustomerContact else { return }
        let open = steps.filter { ($0.kind == .training || $0.kind == .listenInDay) && $0.completed_at_ms == nil }
        guard open.isEmpty else {
            throw Refusal.precondition(
                "first customer contact comes after listening in and training; still open: "
                    + open.map { $0.title ?? $0.step_id ?? "" }.joined(separator: ", "))
        }
    }

    /// - Throws: `Refusal.precondition` when `employee` has left: no new steps.
    static func checkCanAddStep(for employee: Staff.Employee) throws(Refusal) {
        guard employee.status != .left else { throw Refusal.precondition("\(employee.employee_id ?? "") has left") }
    }
}

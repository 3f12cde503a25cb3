import Contract
import ServiceKit

/// Changes more than one handler makes, each with its event.
extension StaffWriting {
    /// Saves an employee whose team changed and records `employee.updated`.
    func moved(_ employee: inout Staff.Employee) throws {
        employee.updated_at_ms = nowMs
        try save(employee)
        try record(
            "employee.updated", subject: try employee.employee_id.stored("employee_id"),
            Staff.EmployeeUpdated(employee: employee, previous_status: employee.status))
    }

    /// Appends `step` to the employee's checklist (next position, new id) and
    /// records `onboarding.step_added`.
    func addStep(_ step: Staff.OnboardingStep, to employeeID: String) throws {
        var step = step
        step.step_id = NewID.make("step")
        step.position = try nextStepPosition(employeeID: employeeID)
        try insert(step, employeeID: employeeID)
        try record(
            "onboarding.step_added", subject: employeeID, Staff.OnboardingStepAdded(employee_id: employeeID, step: step)
        )
    }
}

extension StaffWriting {
    /// Writes one budget entry of `employee` for `month` (no event; the caller
    /// records it with the remaining amount).
    func spend(_ spend: BudgetSpend, by employee: Staff.Employee, month: String, approvedBy: String?) throws
        -> Staff.BudgetEntry
    {
        let entry = Staff.BudgetEntry(
            entry_id: NewID.make("bud"), employee_id: employee.employee_id, team_id: employee.team_id,
            amount: spend.amount, ticket_id: spend.ticketID, gesture_id: spend.gestureID, reason: spend.reason,
            approved_by_id: approvedBy, month: month, spent_at_ms: nowMs)
        try insert(entry)
        return entry
    }
}

import ServiceKit
import Contract
import Domain

/// The goodwill budget ("budgetrecht"): each employee may grant gestures up to a
/// monthly budget without asking anyone; beyond it only with a team lead's explicit
/// approval.
enum BudgetRules {
    /// The budget of an employee without one set: nothing, in euros.
    static let noBudget = Money.zero(.eur)

    /// - Throws: INVALID_ARGUMENT naming `amount.currency` when `amount` is not in
    ///   the budget's currency.
    static func checkCurrency(_ amount: Money, budget: Money) throws {
        guard amount.currency == budget.currency else {
            throw Refusal.invalid(
                field: "amount.currency", "the budget is in \(budget.currency), got \(amount.currency)")
        }
    }

    /// - Throws: FAILED_PRECONDITION naming the remaining amount when `amount` does not fit.
    static func checkFits(_ amount: Money, remaining: Money, month: String) throws {
        guard try amount <= remaining else {
            throw Refusal.precondition(
                "over budget: \(remaining.formatted(.code)) remaining for \(month), asked \(amount.formatted(.code)); "
                    + "a team lead can approve the overrun")
        }
    }

    /// An approver must lead the employee's team or be the director of happy customers.
    /// - Throws: PERMISSION_DENIED otherwise.
    static func checkApprover(_ approver: Staff.Employee, of employee: Staff.Employee, team: Staff.Team?) throws {
        let approverID = approver.employee_id ?? ""
        guard approverID != employee.employee_id else {
            throw Refusal.permission("\(approverID) cannot approve an overrun of their own budget")
        }
        if approver.role == .directorOfHappyCustomers { return }
        guard let team, team.lead_id == approverID else {
            throw Refusal.permission(
                "\(approverID) does not lead the team of \(employee.employee_id ?? "")"
                    + (team.map { " (\($0.team_id ?? ""), led by \($0.lead_id ?? "nobody"))" } ?? " (in no team)"))
        }
    }

    /// - Throws: `Refusal.precondition` when `employee` has left: no budget any more.
    static func checkCanSpend(_ employee: Staff.Employee) throws(Refusal) {
        guard employee.status != .left else {
            throw Refusal.precondition("\(employee.employee_id ?? "") has left and has no budget")
        }
    }
}

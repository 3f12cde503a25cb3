import Contract
import Domain
import ServiceKit

/// The records the handlers' rules need, or `StoreError` when one is missing.
extension StaffReading {
    /// The employee `id`.
    /// - Throws: `StoreError.notFound` naming `role` ("employee", "candidate", "team lead", ...).
    func existingEmployee(_ id: String, as role: String = "employee") throws -> Staff.Employee {
        guard let employee = try employee(id: id) else { throw StoreError.notFound(role, id) }
        return employee
    }

    /// The team `id` with its members.
    /// - Throws: `StoreError.notFound` for an unknown team.
    func existingTeam(_ id: String) throws -> Staff.Team {
        guard let team = try team(id: id) else { throw StoreError.notFound("team", id) }
        return team
    }

    /// - Throws: `StoreError.notFound` for an unknown goal.
    func existingGoal(_ id: String) throws -> Staff.Goal {
        guard let goal = try goal(id: id) else { throw StoreError.notFound("goal", id) }
        return goal
    }

    /// - Throws: `StoreError.absent` naming `field` unless core value `id` exists.
    func requireCoreValue(_ id: String, field: String = "value_id") throws {
        guard try coreValueExists(id: id) else { throw StoreError.absent("\(field): no core value '\(id)'") }
    }

    /// The employee's onboarding checklist (empty before the hire).
    func onboarding(of employeeID: String) throws -> Staff.Onboarding {
        OnboardingRules.checklist(
            of: employeeID, trainingWeeks: try trainingWeeks(employeeID: employeeID),
            steps: try onboardingSteps(employeeID: employeeID))
    }

    /// What is left of the employee's budget in `month` ("YYYY-MM").
    func remaining(of employee: Staff.Employee, month: String) throws -> Money {
        let monthly = employee.monthly_budget ?? BudgetRules.noBudget
        let id = try employee.employee_id.stored("employee_id")
        return try monthly - spent(employeeID: id, month: month, currency: monthly.currency)
    }

    /// The employee's account and its password hash.
    func account(of employee: Staff.Employee) throws -> (account: Staff.Account, hash: String?) {
        let credential = try credential(employeeID: try employee.employee_id.stored("employee_id"))
        return (AccountRules.account(of: employee, credential: credential), credential?.passwordHash)
    }
}

extension StaffReading {
    /// The offer `id` while it is open.
    /// - Throws: `StoreError.notFound` for an unknown offer; `OfferRules.checkOpen`'s
    ///   refusal for a decided one.
    func openOffer(_ id: String) throws -> Staff.Offer {
        guard let offer = try offer(id: id) else { throw StoreError.notFound("offer", id) }
        try OfferRules.checkOpen(offer, id: id)
        return offer
    }
}

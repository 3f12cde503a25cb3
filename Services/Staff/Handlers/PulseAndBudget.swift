import Bus
import Contract
import Domain
import ServiceKit

extension StaffHandlers {
    // SubmitPulse, GetPulseResult.
    func submitPulse(_ request: Staff.SubmitPulseRequest, _ context: CallContext) async throws
        -> Staff.SubmitPulseReply
    {
        let employee = try Fields.id(request.employee_id, "employee_id")
        let score = try Fields.required(request.score, "score")
        guard (0...10).contains(score) else {
            throw RPCError.invalidArgument(field: "score", "must be 0..10, got \(score)")
        }
        let period = try Period.parse(request.period, field: "period", now: store.now, timeZone: store.timeZone)
        let month = period.description
        return try await store.write(method: "SubmitPulse", idempotencyKey: context.idempotencyKey) { tx in
            let answering = try tx.existingEmployee(employee)
            let team = try PulseRules.team(of: answering)
            guard try !tx.answeredPulse(employeeID: employee, period: month) else {
                throw Refusal.exists("\(employee) already answered the pulse for \(month)")
            }
            try tx.addPulseAnswer(employeeID: employee, teamID: team, period: month, score: score)
            try tx.record(
                "pulse.submitted", subject: team, Staff.PulseSubmitted(team_id: team, period: month, score: score))
            return Staff.SubmitPulseReply(team_id: team, period: month)
        }
    }

    func getPulseResult(_ request: Staff.GetPulseResultRequest, _ context: CallContext) async throws
        -> Staff.GetPulseResultReply
    {
        let team = try Fields.id(request.team_id, "team_id")
        let period = try Period.parse(request.period, field: "period", now: store.now, timeZone: store.timeZone)
        let month = period.description
        return Staff.GetPulseResultReply(
            result: try await store.read { tx in
                guard try tx.teamExists(id: team) else { throw StoreError.notFound("team", team) }
                return PulseRules.result(
                    team: team, period: month, tally: try tx.pulseTally(teamID: team, period: month))
            })
    }

    // SpendBudget, ApproveBudgetOverrun, GetBudget.
    func spendBudget(_ request: Staff.SpendBudgetRequest, _ context: CallContext) async throws
        -> Staff.SpendBudgetReply
    {
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        let amount = try Checks.positive(request.amount, "amount")
        let spend = BudgetSpend(
            amount: amount, ticketID: try Fields.id(request.ticket_id, "ticket_id"),
            reason: try Fields.text(request.reason, "reason", maxLength: 2000),
            gestureID: try Fields.optionalID(request.gesture_id, "gesture_id"))
        let timeZone = store.timeZone
        return try await store.write(method: "SpendBudget", idempotencyKey: context.idempotencyKey) { tx in
            let employee = try tx.existingEmployee(employeeID)
            let month = Period(containing: tx.now, in: timeZone).description
            if let gesture = spend.gestureID, let first = try tx.budgetEntry(gestureID: gesture) {
                return Staff.SpendBudgetReply(entry: first, remaining: try tx.remaining(of: employee, month: month))
            }
            try BudgetRules.checkCanSpend(employee)
            try BudgetRules.checkCurrency(amount, budget: employee.monthly_budget ?? BudgetRules.noBudget)
            try BudgetRules.checkFits(amount, remaining: try tx.remaining(of: employee, month: month), month: month)
            let entry = try tx.spend(spend, by: employee, month: month, approvedBy: nil)
            let remaining = try tx.remaining(of: employee, month: month)
            try tx.record(
                "budget.spent", subject: employeeID, Staff.BudgetSpent(entry: entry, remaining: remaining))
            return Staff.SpendBudgetReply(entry: entry, remaining: remaining)
        }
    }

    func approveBudgetOverrun(_ request: Staff.ApproveBudgetOverrunRequest, _ context: CallContext) async throws
        -> Staff.ApproveBudgetOverrunReply
    {
        let approverID = try Fields.id(request.team_lead_id, "team_lead_id")
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        let amount = try Checks.positive(request.amount, "amount")
        let spend = BudgetSpend(
            amount: amount, ticketID: try Fields.id(request.ticket_id, "ticket_id"),
            reason: try Fields.optionalText(request.reason, "reason", maxLength: 2000),
            gestureID: try Fields.optionalID(request.gesture_id, "gesture_id"))
        let timeZone = store.timeZone
        return try await store.write(method: "ApproveBudgetOverrun", idempotencyKey: context.idempotencyKey) { tx in
            let approver = try tx.existingEmployee(approverID, as: "team lead")
            let employee = try tx.existingEmployee(employeeID)
            let team = try employee.team_id.map { try tx.existingTeam($0) }
            try BudgetRules.checkApprover(approver, of: employee, team: team)
            let month = Period(containing: tx.now, in: timeZone).description
            if let gesture = spend.gestureID, let first = try tx.budgetEntry(gestureID: gesture) {
                return Staff.ApproveBudgetOverrunReply(
                    entry: first, remaining: try tx.remaining(of: employee, month: month))
            }
            try BudgetRules.checkCurrency(amount, budget: employee.monthly_budget ?? BudgetRules.noBudget)
            let entry = try tx.spend(spend, by: employee, month: month, approvedBy: approverID)
            let remaining = try tx.remaining(of: employee, month: month)
            try tx.record(
                "budget.overrun_approved", subject: employeeID,
                Staff.BudgetOverrunApproved(entry: entry, remaining: remaining))
            return Staff.ApproveBudgetOverrunReply(entry: entry, remaining: remaining)
        }
    }

    func getBudget(_ request: Staff.GetBudgetRequest, _ context: CallContext) async throws -> Staff.GetBudgetReply {
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        let month = try Period.parse(request.month, field: "month", now: store.now, timeZone: store.timeZone)
            .description
        let budget = try await store.read { tx in
            let employee = try tx.existingEmployee(employeeID)
            let monthly = employee.monthly_budget ?? BudgetRules.noBudget
            let spent = try tx.spent(employeeID: employeeID, month: month, currency: monthly.currency)
            return Staff.Budget(
                employee_id: employeeID, month: month, monthly_budget: monthly, spent: spent,
                remaining: try monthly - spent, entries: try tx.budgetEntries(employeeID: employeeID, month: month))
        }
        return Staff.GetBudgetReply(budget: budget)
    }
}

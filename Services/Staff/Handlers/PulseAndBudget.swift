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
            guard let answering = try tx.employee(id: employee) else { throw RPCError.notFound("employee", employee) }
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
                guard try tx.teamExists(id: team) else { throw RPCError.notFound("team", team) }
                return PulseRules.result(
                    team: team, period: month, tally: try tx.pulseTally(teamID: team, period: month))
            })
    }

    // SpendBudget, ApproveBudgetOverrun, GetBudget.
    func spendBudget(_ request: Staff.SpendBudgetRequest, _ context: CallContext) async throws
        -> Staff.SpendBudgetReply
    {
        let clean = Staff.SpendBudgetRequest(
            employee_id: try Fields.id(request.employee_id, "employee_id"),
            amount: try Checks.positive(request.amount, "amount"),
            ticket_id: try Fields.id(request.ticket_id, "ticket_id"),
            reason: try Fields.text(request.reason, "reason", maxLength: 2000),
            gesture_id: try Fields.optionalID(request.gesture_id, "gesture_id"))
        return try await store.spendBudget(clean, key: context.idempotencyKey)
    }

    func approveBudgetOverrun(_ request: Staff.ApproveBudgetOverrunRequest, _ context: CallContext) async throws
        -> Staff.ApproveBudgetOverrunReply
    {
        let clean = Staff.ApproveBudgetOverrunRequest(
            team_lead_id: try Fields.id(request.team_lead_id, "team_lead_id"),
            employee_id: try Fields.id(request.employee_id, "employee_id"),
            amount: try Checks.positive(request.amount, "amount"),
            ticket_id: try Fields.id(request.ticket_id, "ticket_id"),
            reason: try Fields.optionalText(request.reason, "reason", maxLength: 2000),
            gesture_id: try Fields.optionalID(request.gesture_id, "gesture_id"))
        return try await store.approveBudgetOverrun(clean, key: context.idempotencyKey)
    }

    func getBudget(_ request: Staff.GetBudgetRequest, _ context: CallContext) async throws -> Staff.GetBudgetReply {
        let employee = try Fields.id(request.employee_id, "employee_id")
        if let month = request.month, !month.isEmpty { _ = try Period(month, field: "month") }
        return Staff.GetBudgetReply(budget: try await store.budget(of: employee, month: request.month))
    }
}

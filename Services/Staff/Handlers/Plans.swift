import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    // GetPlan, UpdatePlan, AddGoal, UpdateGoal, AddGoalProgress.
    func getPlan(_ request: Staff.GetPlanRequest, _ context: CallContext) async throws -> Staff.GetPlanReply {
        Staff.GetPlanReply(plan: try await store.plan(of: try Fields.id(request.employee_id, "employee_id")))
    }

    func updatePlan(_ request: Staff.UpdatePlanRequest, _ context: CallContext) async throws -> Staff.UpdatePlanReply {
        let clean = Staff.UpdatePlanRequest(
            employee_id: try Fields.id(request.employee_id, "employee_id"),
            ambition: try Fields.optionalText(request.ambition, "ambition", maxLength: 4000))
        return Staff.UpdatePlanReply(plan: try await store.updatePlan(clean, key: context.idempotencyKey))
    }

    func addGoal(_ request: Staff.AddGoalRequest, _ context: CallContext) async throws -> Staff.AddGoalReply {
        let clean = Staff.AddGoalRequest(
            employee_id: try Fields.id(request.employee_id, "employee_id"),
            title: try Fields.text(request.title, "title"),
            why: try Fields.optionalText(request.why, "why"),
            measure: try Fields.optionalText(request.measure, "measure"),
            due_date: try Checks.date(request.due_date, "due_date"))
        return Staff.AddGoalReply(goal: try await store.addGoal(clean, key: context.idempotencyKey))
    }

    func updateGoal(_ request: Staff.UpdateGoalRequest, _ context: CallContext) async throws -> Staff.UpdateGoalReply {
        var clean = request
        clean.goal_id = try Fields.id(request.goal_id, "goal_id")
        if request.title != nil { clean.title = try Fields.text(request.title, "title") }
        if request.why != nil { clean.why = try Fields.optionalText(request.why, "why") ?? "" }
        if request.measure != nil { clean.measure = try Fields.optionalText(request.measure, "measure") ?? "" }
        if request.due_date != nil { clean.due_date = try Checks.date(request.due_date, "due_date") }
        clean.status = try Checks.optionalChoice(request.status, "status")
        return Staff.UpdateGoalReply(goal: try await store.updateGoal(clean, key: context.idempotencyKey))
    }

    func addGoalProgress(_ request: Staff.AddGoalProgressRequest, _ context: CallContext) async throws
        -> Staff.AddGoalProgressReply
    {
        let clean = Staff.AddGoalProgressRequest(
            goal_id: try Fields.id(request.goal_id, "goal_id"),
            author_id: try Fields.optionalID(request.author_id, "author_id"),
            note: try Fields.optionalText(request.note, "note"),
            percent_complete: request.percent_complete)
        if let percent = clean.percent_complete, percent > 100 {
            throw RPCError.invalidArgument(field: "percent_complete", "must be 0...100, got \(percent)")
        }
        guard clean.note != nil || clean.percent_complete != nil else {
            throw RPCError.invalidArgument(field: "note", "a progress entry needs a note or percent_complete")
        }
        return try await store.addGoalProgress(clean, key: context.idempotencyKey)
    }
}

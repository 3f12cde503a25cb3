import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    // GetPlan, UpdatePlan, AddGoal, UpdateGoal, AddGoalProgress.
    func getPlan(_ request: Staff.GetPlanRequest, _ context: CallContext) async throws -> Staff.GetPlanReply {
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        return Staff.GetPlanReply(
            plan: try await store.read { tx in
                _ = try tx.existingEmployee(employeeID)
                return try tx.plan(employeeID: employeeID)
            })
    }

    func updatePlan(_ request: Staff.UpdatePlanRequest, _ context: CallContext) async throws -> Staff.UpdatePlanReply {
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        let ambition = try Fields.optionalText(request.ambition, "ambition", maxLength: 4000)
        let plan = try await store.write(method: "UpdatePlan", idempotencyKey: context.idempotencyKey) { tx in
            _ = try tx.existingEmployee(employeeID)
            try tx.setAmbition(ambition, employeeID: employeeID)
            try tx.record(
                "plan.updated", subject: employeeID, Staff.PlanUpdated(employee_id: employeeID, ambition: ambition))
            return try tx.plan(employeeID: employeeID)
        }
        return Staff.UpdatePlanReply(plan: plan)
    }

    func addGoal(_ request: Staff.AddGoalRequest, _ context: CallContext) async throws -> Staff.AddGoalReply {
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        let draft = Staff.Goal(
            employee_id: employeeID, title: try Fields.text(request.title, "title"),
            why: try Fields.optionalText(request.why, "why"),
            measure: try Fields.optionalText(request.measure, "measure"),
            due_date: try Checks.date(request.due_date, "due_date"), status: .notStarted)
        let goal = try await store.write(method: "AddGoal", idempotencyKey: context.idempotencyKey) { tx in
            _ = try tx.existingEmployee(employeeID)
            var goal = draft
            goal.goal_id = NewID.make("goal")
            goal.created_at_ms = tx.nowMs
            goal.updated_at_ms = tx.nowMs
            try tx.save(goal)
            try tx.record("goal.added", subject: try goal.goal_id.stored("goal_id"), Staff.GoalAdded(goal: goal))
            return goal
        }
        return Staff.AddGoalReply(goal: goal)
    }

    func updateGoal(_ request: Staff.UpdateGoalRequest, _ context: CallContext) async throws -> Staff.UpdateGoalReply {
        var clean = request
        clean.goal_id = try Fields.id(request.goal_id, "goal_id")
        if request.title != nil { clean.title = try Fields.text(request.title, "title") }
        if request.why != nil { clean.why = try Fields.optionalText(request.why, "why") ?? "" }
        if request.measure != nil { clean.measure = try Fields.optionalText(request.measure, "measure") ?? "" }
        if request.due_date != nil { clean.due_date = try Checks.date(request.due_date, "due_date") }
        clean.status = try Checks.optionalChoice(request.status, "status")
        let goal = try await store.write(method: "UpdateGoal", idempotencyKey: context.idempotencyKey) { [clean] tx in
            var goal = try tx.existingGoal(try clean.goal_id.stored("goal_id"))
            goal.apply(clean)
            goal.updated_at_ms = tx.nowMs
            try tx.save(goal)
            try tx.record("goal.updated", subject: try goal.goal_id.stored("goal_id"), Staff.GoalUpdated(goal: goal))
            return goal
        }
        return Staff.UpdateGoalReply(goal: goal)
    }

    func addGoalProgress(_ request: Staff.AddGoalProgressRequest, _ context: CallContext) async throws
        -> Staff.AddGoalProgressReply
    {
        let goalID = try Fields.id(request.goal_id, "goal_id")
        let authorID = try Fields.optionalID(request.author_id, "author_id")
        let note = try Fields.optionalText(request.note, "note")
        if let percent = request.percent_complete, percent > 100 {
            throw RPCError.invalidArgument(field: "percent_complete", "must be 0...100, got \(percent)")
        }
        guard note != nil || request.percent_complete != nil else {
            throw RPCError.invalidArgument(field: "note", "a progress entry needs a note or percent_complete")
        }
        let percent = request.percent_complete
        return try await store.write(method: "AddGoalProgress", idempotencyKey: context.idempotencyKey) { tx in
            var goal = try tx.existingGoal(goalID)
            if let authorID { _ = try tx.existingEmployee(authorID, as: "author") }
            let entry = Staff.ProgressEntry(
                entry_id: NewID.make("prog"), author_id: authorID, note: note, percent_complete: percent,
                recorded_at_ms: tx.nowMs)
            goal.progress.append(entry)
            goal.updated_at_ms = tx.nowMs
            let started = goal.status == .notStarted
            if started { goal.status = .inProgress }
            try tx.save(goal)
            try tx.record(
                "goal.progress_added", subject: goalID,
                Staff.GoalProgressAdded(goal_id: goal.goal_id, employee_id: goal.employee_id, entry: entry))
            if started { try tx.record("goal.updated", subject: goalID, Staff.GoalUpdated(goal: goal)) }
            return Staff.AddGoalProgressReply(goal: goal, entry: entry)
        }
    }
}

extension Staff.Goal {
    /// Copies the set fields of `request`.
    mutating func apply(_ request: Staff.UpdateGoalRequest) {
        if let value = request.title { title = value }
        if let value = request.why { why = value }
        if let value = request.measure { measure = value }
        if let value = request.due_date { due_date = value }
        if let value = request.status { status = value }
    }
}

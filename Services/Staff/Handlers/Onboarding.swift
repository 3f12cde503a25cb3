import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    // GetOnboarding, AddOnboardingStep, CompleteOnboardingStep.
    func getOnboarding(_ request: Staff.GetOnboardingRequest, _ context: CallContext) async throws
        -> Staff.GetOnboardingReply
    {
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        return Staff.GetOnboardingReply(
            onboarding: try await store.read { tx in
                _ = try tx.existingEmployee(employeeID)
                return try tx.onboarding(of: employeeID)
            })
    }

    func addOnboardingStep(_ request: Staff.AddOnboardingStepRequest, _ context: CallContext) async throws
        -> Staff.AddOnboardingStepReply
    {
        var clean = request
        clean.employee_id = try Fields.id(request.employee_id, "employee_id")
        clean.kind = try Fields.chosen(request.kind, "kind")
        clean.title = try Fields.optionalText(request.title, "title")
        clean.due_date = try Checks.date(request.due_date, "due_date")
        if let weeks = request.weeks, !(1...52).contains(weeks) {
            throw RPCError.invalidArgument(field: "weeks", "must be 1...52, got \(weeks)")
        }
        let onboarding = try await store.write(method: "AddOnboardingStep", idempotencyKey: context.idempotencyKey) {
            [clean] tx in
            let employee = try tx.existingEmployee(try clean.employee_id.stored("employee_id"))
            try OnboardingRules.checkCanAddStep(for: employee)
            let id = try employee.employee_id.stored("employee_id")
            try tx.addStep(OnboardingRules.step(try clean.kind.stored("kind"), clean), to: id)
            return try tx.onboarding(of: id)
        }
        return Staff.AddOnboardingStepReply(onboarding: onboarding)
    }

    func completeOnboardingStep(_ request: Staff.CompleteOnboardingStepRequest, _ context: CallContext) async throws
        -> Staff.CompleteOnboardingStepReply
    {
        var clean = request
        clean.employee_id = try Fields.id(request.employee_id, "employee_id")
        clean.step_id = try Fields.id(request.step_id, "step_id")
        clean.completed_by_id = try Fields.optionalID(request.completed_by_id, "completed_by_id")
        clean.note = try Fields.optionalText(request.note, "note")
        let onboarding = try await store.write(
            method: "CompleteOnboardingStep", idempotencyKey: context.idempotencyKey
        ) { [clean] tx in
            var employee = try tx.existingEmployee(try clean.employee_id.stored("employee_id"))
            let id = try employee.employee_id.stored("employee_id")
            if let by = clean.completed_by_id { _ = try tx.existingEmployee(by, as: "completed_by") }
            let steps = try tx.onboardingSteps(employeeID: id)
            guard var step = steps.first(where: { $0.step_id == clean.step_id }) else {
                throw StoreError.notFound("onboarding step of \(id)", clean.step_id ?? "")
            }
            try OnboardingRules.checkCanComplete(step, in: steps)
            step.completed_at_ms = clean.completed_at_ms ?? tx.nowMs
            step.completed_by_id = clean.completed_by_id
            step.note = clean.note
            try tx.save(step)
            try tx.record(
                "onboarding.step_completed", subject: id, Staff.OnboardingStepCompleted(employee_id: id, step: step))
            if step.kind == .firstCustomerContact && employee.status == .onboarding {
                employee.status = .probation
                employee.updated_at_ms = tx.nowMs
                try tx.save(employee)
                try tx.record(
                    "employee.updated", subject: id,
                    Staff.EmployeeUpdated(employee: employee, previous_status: .onboarding))
            }
            return try tx.onboarding(of: id)
        }
        return Staff.CompleteOnboardingStepReply(onboarding: onboarding)
    }
}

import Bus
import Contract
import Foundation
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    func onboarding(of employeeID: String) async throws -> Staff.Onboarding {
        try await readDB { db in
            _ = try Staff.Employee.fetch(employeeID, in: db)
            return try Self.onboarding(of: employeeID, in: db)
        }
    }

    func addOnboardingStep(_ request: Staff.AddOnboardingStepRequest, key: String?) async throws -> Staff.Onboarding {
        try await write("AddOnboardingStep", key: key) { change in
            let employee = try Staff.Employee.fetch(try request.employee_id.stored("employee_id"), in: change.db)
            try OnboardingRules.checkCanAddStep(for: employee)
            let kind = try request.kind.stored("kind")
            try change.addStep(
                Staff.OnboardingStep(
                    kind: kind, title: request.title ?? OnboardingRules.defaultTitle(kind, weeks: request.weeks),
                    weeks: kind == .training ? (request.weeks ?? 1) : request.weeks, due_date: request.due_date),
                to: try employee.employee_id.stored("employee_id"))
            return try Self.onboarding(of: try employee.employee_id.stored("employee_id"), in: change.db)
        }
    }

    func completeOnboardingStep(
        _ request: Staff.CompleteOnboardingStepRequest, key: String?
    ) async throws
        -> Staff.Onboarding
    {
        try await write("CompleteOnboardingStep", key: key) { change in
            var employee = try Staff.Employee.fetch(try request.employee_id.stored("employee_id"), in: change.db)
            let id = try employee.employee_id.stored("employee_id")
            if let by = request.completed_by_id { _ = try Staff.Employee.fetch(by, in: change.db, as: "completed_by") }
            let steps = try Self.onboarding(of: id, in: change.db).steps
            guard var step = steps.first(where: { $0.step_id == request.step_id }) else {
                throw StoreError.notFound("onboarding step of \(id)", request.step_id ?? "")
            }
            try OnboardingRules.checkCanComplete(step, in: steps)
            step.completed_at_ms = request.completed_at_ms ?? change.nowMs
            step.completed_by_id = request.completed_by_id
            step.note = request.note
            try change.db.execute(
                sql: "UPDATE onboarding_step SET body = ? WHERE step_id = ?",
                arguments: [try step.blob(), step.step_id])
            try change.record(
                "onboarding.step_completed", subject: id, Staff.OnboardingStepCompleted(employee_id: id, step: step))
            if step.kind == .firstCustomerContact && employee.status == .onboarding {
                employee.status = .probation
                employee.updated_at_ms = change.nowMs
                try employee.save(in: change.db)
                try change.record(
                    "employee.updated", subject: id,
                    Staff.EmployeeUpdated(employee: employee, previous_status: .onboarding))
            }
            return try Self.onboarding(of: id, in: change.db)
        }
    }

    static func onboarding(of employeeID: String, in db: Database) throws -> Staff.Onboarding {
        let weeks = try Int64.fetchOne(
            db, sql: "SELECT training_weeks FROM onboarding WHERE employee_id = ?", arguments: [employeeID])
        let steps = try Data.fetchAll(
            db, sql: "SELECT body FROM onboarding_step WHERE employee_id = ? ORDER BY position", arguments: [employeeID]
        ).map { try Staff.OnboardingStep(blob: $0) }
        return Staff.Onboarding(
            employee_id: employeeID, training_weeks: weeks.map { UInt32($0) }, steps: steps,
            complete: !steps.isEmpty && steps.allSatisfy { $0.completed_at_ms != nil })
    }
}

extension Change {
    /// Appends `step` to the employee's checklist (next position, new id) and
    /// records `onboarding.step_added`.
    mutating func addStep(_ step: Staff.OnboardingStep, to employeeID: String) throws {
        var step = step
        step.step_id = NewID.make("step")
        step.position = UInt32(
            try Int64.fetchOne(
                db, sql: "SELECT COALESCE(MAX(position), 0) + 1 FROM onboarding_step WHERE employee_id = ?",
                arguments: [employeeID]) ?? 1)
        try db.execute(
            sql: "INSERT INTO onboarding_step (step_id, employee_id, position, body) VALUES (?, ?, ?, ?)",
            arguments: [step.step_id, employeeID, step.position, try step.blob()])
        try record(
            "onboarding.step_added", subject: employeeID, Staff.OnboardingStepAdded(employee_id: employeeID, step: step)
        )
    }
}

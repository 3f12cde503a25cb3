import Bus
import Contract
import Foundation
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    func plan(of employeeID: String) async throws -> Staff.Plan {
        try await readDB { db in
            _ = try Staff.Employee.fetch(employeeID, in: db)
            return try Self.plan(of: employeeID, in: db)
        }
    }

    func updatePlan(_ request: Staff.UpdatePlanRequest, key: String?) async throws -> Staff.Plan {
        try await write("UpdatePlan", key: key) { change in
            let id = try Staff.Employee.fetch(try request.employee_id.stored("employee_id"), in: change.db).employee_id
                .stored("employee_id")
            try change.db.execute(
                sql: "INSERT OR REPLACE INTO plan (employee_id, ambition, updated_at_ms) VALUES (?, ?, ?)",
                arguments: [id, request.ambition, change.nowMs])
            try change.record(
                "plan.updated", subject: id, Staff.PlanUpdated(employee_id: id, ambition: request.ambition))
            return try Self.plan(of: id, in: change.db)
        }
    }

    func addGoal(_ request: Staff.AddGoalRequest, key: String?) async throws -> Staff.Goal {
        try await write("AddGoal", key: key) { change in
            let id = try Staff.Employee.fetch(try request.employee_id.stored("employee_id"), in: change.db).employee_id
                .stored("employee_id")
            let goal = Staff.Goal(
                goal_id: NewID.make("goal"), employee_id: id, title: request.title, why: request.why,
                measure: request.measure, due_date: request.due_date, status: .notStarted,
                created_at_ms: change.nowMs, updated_at_ms: change.nowMs)
            try Self.save(goal, in: change.db)
            try change.record("goal.added", subject: try goal.goal_id.stored("goal_id"), Staff.GoalAdded(goal: goal))
            return goal
        }
    }

    func updateGoal(_ request: Staff.UpdateGoalRequest, key: String?) async throws -> Staff.Goal {
        try await write("UpdateGoal", key: key) { change in
            var goal = try Self.goal(try request.goal_id.stored("goal_id"), in: change.db)
            if let value = request.title { goal.title = value }
            if let value = request.why { goal.why = value }
            if let value = request.measure { goal.measure = value }
            if let value = request.due_date { goal.due_date = value }
            if let value = request.status { goal.status = value }
            goal.updated_at_ms = change.nowMs
            try Self.save(goal, in: change.db)
            try change.record(
                "goal.updated", subject: try goal.goal_id.stored("goal_id"), Staff.GoalUpdated(goal: goal))
            return goal
        }
    }

    func addGoalProgress(
        _ request: Staff.AddGoalProgressRequest, key: String?
    ) async throws
        -> Staff.AddGoalProgressReply
    {
        try await write("AddGoalProgress", key: key) { change in
            var goal = try Self.goal(try request.goal_id.stored("goal_id"), in: change.db)
            if let author = request.author_id { _ = try Staff.Employee.fetch(author, in: change.db, as: "author") }
            let entry = Staff.ProgressEntry(
                entry_id: NewID.make("prog"), author_id: request.author_id, note: request.note,
                percent_complete: request.percent_complete, recorded_at_ms: change.nowMs)
            goal.progress.append(entry)
            goal.updated_at_ms = change.nowMs
            let started = goal.status == .notStarted
            if started { goal.status = .inProgress }
            try Self.save(goal, in: change.db)
            try change.record(
                "goal.progress_added", subject: try goal.goal_id.stored("goal_id"),
                Staff.GoalProgressAdded(goal_id: goal.goal_id, employee_id: goal.employee_id, entry: entry))
            if started {
                try change.record(
                    "goal.updated", subject: try goal.goal_id.stored("goal_id"), Staff.GoalUpdated(goal: goal))
            }
            return Staff.AddGoalProgressReply(goal: goal, entry: entry)
        }
    }

    static func plan(of employeeID: String, in db: Database) throws -> Staff.Plan {
        let row = try Row.fetchOne(db, sql: "SELECT * FROM plan WHERE employee_id = ?", arguments: [employeeID])
        let goals = try Data.fetchAll(
            db, sql: "SELECT body FROM goal WHERE employee_id = ? ORDER BY created_at_ms, rowid",
            arguments: [employeeID]
        ).map { try Staff.Goal(blob: $0) }
        return Staff.Plan(
            employee_id: employeeID, ambition: row?["ambition"], goals: goals, updated_at_ms: row?["updated_at_ms"])
    }

    static func goal(_ id: String, in db: Database) throws -> Staff.Goal {
        guard let body = try Data.fetchOne(db, sql: "SELECT body FROM goal WHERE goal_id = ?", arguments: [id]) else {
            throw StoreError.notFound("goal", id)
        }
        return try Staff.Goal(blob: body)
    }

    static func save(_ goal: Staff.Goal, in db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO goal (goal_id, employee_id, created_at_ms, body) VALUES (?, ?, ?, ?)",
            arguments: [goal.goal_id, goal.employee_id, goal.created_at_ms, try goal.blob()])
    }
}

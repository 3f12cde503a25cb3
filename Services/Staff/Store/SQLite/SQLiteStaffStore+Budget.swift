import Bus
import Contract
import Domain
import Foundation
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    func spendBudget(_ request: Staff.SpendBudgetRequest, key: String?) async throws -> Staff.SpendBudgetReply {
        let timeZone = timeZone
        return try await write("SpendBudget", key: key) { change in
            let employee = try Staff.Employee.fetch(try request.employee_id.stored("employee_id"), in: change.db)
            let month = change.month(in: timeZone)
            if let first = try Self.entry(gesture: request.gesture_id, in: change.db) {
                return Staff.SpendBudgetReply(
                    entry: first, remaining: try Self.remaining(of: employee, month, change.db))
            }
            try BudgetRules.checkCanSpend(employee)
            let amount = try request.amount.stored("amount")
            try BudgetRules.checkCurrency(amount, budget: employee.monthly_budget ?? BudgetRules.noBudget)
            try BudgetRules.checkFits(
                amount, remaining: try Self.remaining(of: employee, month, change.db), month: month)
            let entry = try change.spend(
                employee: employee, amount: amount, month: month, ticket: request.ticket_id, reason: request.reason,
                gesture: request.gesture_id, approvedBy: nil)
            let remaining = try Self.remaining(of: employee, month, change.db)
            try change.record(
                "budget.spent", subject: try employee.employee_id.stored("employee_id"),
                Staff.BudgetSpent(entry: entry, remaining: remaining))
            return Staff.SpendBudgetReply(entry: entry, remaining: remaining)
        }
    }

    func approveBudgetOverrun(
        _ request: Staff.ApproveBudgetOverrunRequest, key: String?
    ) async throws
        -> Staff.ApproveBudgetOverrunReply
    {
        let timeZone = timeZone
        return try await write("ApproveBudgetOverrun", key: key) { change in
            let approver = try Staff.Employee.fetch(
                try request.team_lead_id.stored("team_lead_id"), in: change.db, as: "team lead")
            let employee = try Staff.Employee.fetch(try request.employee_id.stored("employee_id"), in: change.db)
            let team = try employee.team_id.map { try Staff.Team.fetch($0, in: change.db) }
            try BudgetRules.checkApprover(approver, of: employee, team: team)
            let month = change.month(in: timeZone)
            if let first = try Self.entry(gesture: request.gesture_id, in: change.db) {
                return Staff.ApproveBudgetOverrunReply(
                    entry: first, remaining: try Self.remaining(of: employee, month, change.db))
            }
            try BudgetRules.checkCurrency(
                try request.amount.stored("amount"), budget: employee.monthly_budget ?? BudgetRules.noBudget)
            let entry = try change.spend(
                employee: employee, amount: try request.amount.stored("amount"), month: month,
                ticket: request.ticket_id,
                reason: request.reason, gesture: request.gesture_id, approvedBy: approver.employee_id)
            let remaining = try Self.remaining(of: employee, month, change.db)
            try change.record(
                "budget.overrun_approved", subject: try employee.employee_id.stored("employee_id"),
                Staff.BudgetOverrunApproved(entry: entry, remaining: remaining))
            return Staff.ApproveBudgetOverrunReply(entry: entry, remaining: remaining)
        }
    }

    func budget(of employeeID: String, month: String?) async throws -> Staff.Budget {
        let month = try Period.parse(month, field: "month", now: now, timeZone: timeZone).description
        return try await readDB { db in
            let employee = try Staff.Employee.fetch(employeeID, in: db)
            let entries = try Data.fetchAll(
                db,
                sql: "SELECT body FROM budget_entry WHERE employee_id = ? AND month = ? ORDER BY spent_at_ms, rowid",
                arguments: [employeeID, month]
            ).map { try Staff.BudgetEntry(blob: $0) }
            let monthly = employee.monthly_budget ?? BudgetRules.noBudget
            let spent = try Self.spent(by: employeeID, month, currency: monthly.currency, db)
            return Staff.Budget(
                employee_id: employeeID, month: month, monthly_budget: monthly, spent: spent,
                remaining: try monthly - spent, entries: entries)
        }
    }

    static func spent(by employeeID: String, _ month: String, currency: Currency, _ db: Database) throws -> Money {
        let minor =
            try Int64.fetchOne(
                db,
                sql:
                    "SELECT COALESCE(SUM(amount_minor), 0) FROM budget_entry WHERE employee_id = ? AND month = ? AND currency = ?",
                arguments: [employeeID, month, currency.code]) ?? 0
        return Money(minorUnits: minor, currency: currency)
    }

    static func remaining(of employee: Staff.Employee, _ month: String, _ db: Database) throws -> Money {
        let monthly = employee.monthly_budget ?? BudgetRules.noBudget
        return try monthly
            - spent(by: try employee.employee_id.stored("employee_id"), month, currency: monthly.currency, db)
    }

    /// The entry already paid for `gesture`, if any: a gesture is paid at most once.
    static func entry(gesture: String?, in db: Database) throws -> Staff.BudgetEntry? {
        guard let gesture else { return nil }
        return try Data.fetchOne(db, sql: "SELECT body FROM budget_entry WHERE gesture_id = ?", arguments: [gesture])
            .map { try Staff.BudgetEntry(blob: $0) }
    }
}

extension Change {
    /// Writes one budget entry (no event; the caller records it with the remaining amount).
    func spend(
        employee: Staff.Employee, amount: Money, month: String, ticket: String?, reason: String?, gesture: String?,
        approvedBy: String?
    ) throws -> Staff.BudgetEntry {
        let entry = Staff.BudgetEntry(
            entry_id: NewID.make("bud"), employee_id: employee.employee_id, team_id: employee.team_id, amount: amount,
            ticket_id: ticket, gesture_id: gesture, reason: reason, approved_by_id: approvedBy, month: month,
            spent_at_ms: nowMs)
        try db.execute(
            sql: """
                INSERT INTO budget_entry (entry_id, employee_id, month, amount_minor, currency, gesture_id, spent_at_ms, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.entry_id, employee.employee_id, month, amount.minorUnits, amount.currency.code, gesture, nowMs,
                try entry.blob(),
            ])
        return entry
    }
}

import Bus
import Contract
import Domain
import Foundation
import GRDB
import ServiceKit

extension Staff.Employee {
    /// From an `employee` row.
    init(row: Row) {
        self.init(
            employee_id: row["employee_id"], name: row["name"], email: row["email"], phone: row["phone"],
            team_id: row["team_id"], employer_id: row["employer_id"],
            employer_kind: Staff.EmployerKind(rawValue: row["employer_kind"]), site: row["site"],
            country: row["country"], role: Staff.EmployeeRole(rawValue: row["role"]), start_date: row["start_date"],
            status: Staff.EmployeeStatus(rawValue: row["status"]),
            monthly_budget: Money.stored(row["budget_minor"], row["budget_currency"]),
            rehire_blocked: (row["rehire_blocked"] as Int64) != 0, created_at_ms: row["created_at_ms"],
            updated_at_ms: row["updated_at_ms"], left_at_ms: row["left_at_ms"])
    }

    /// Inserts or replaces the row.
    func save(in db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO employee (employee_id, name, email, email_key, phone, team_id, employer_id,
                    employer_kind, site, country, role, start_date, status, budget_minor, budget_currency,
                    rehire_blocked, created_at_ms, updated_at_ms, left_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                employee_id, name, email, email?.lowercased(), phone, team_id, employer_id,
                employer_kind?.rawValue ?? 0, site, country, role?.rawValue ?? 0, start_date, status?.rawValue ?? 0,
                monthly_budget?.minorUnits, monthly_budget?.currency.code, (rehire_blocked ?? false) ? 1 : 0,
                created_at_ms, updated_at_ms, left_at_ms,
            ])
    }
}

extension Money {
    /// Money from two nullable columns; nil when either is missing.
    static func stored(_ minor: Int64?, _ code: String?) -> Money? {
        guard let minor, let code, let currency = try? Currency(code) else { return nil }
        return Money(minorUnits: minor, currency: currency)
    }
}

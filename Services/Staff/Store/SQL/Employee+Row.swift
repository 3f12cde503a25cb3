import Bus
import Contract
import Domain
import Foundation
import ServiceKit

extension Staff.Employee {
    /// From an `employee` row.
    init(row: SQLRow) {
        self.init(
            employee_id: row["employee_id"], name: row["name"], email: row["email"], phone: row["phone"],
            team_id: row["team_id"], employer_id: row["employer_id"],
            employer_kind: Staff.EmployerKind(rawValue: row["employer_kind"]), site: row["site"],
            country: row["country"], role: Staff.EmployeeRole(rawValue: row["role"]), start_date: row["start_date"],
            status: Staff.EmployeeStatus(rawValue: row["status"]),
            monthly_budget: Money.stored(row["budget_minor"], row["budget_currency"]),
            rehire_blocked: row["rehire_blocked"] as Bool, created_at_ms: row["created_at_ms"],
            updated_at_ms: row["updated_at_ms"], left_at_ms: row["left_at_ms"])
    }

    /// The columns of its `employee` row.
    var columns: [(String, any SQLValueConvertible)] {
        [
            ("employee_id", employee_id), ("name", name), ("email", email), ("email_key", email?.lowercased()),
            ("phone", phone), ("team_id", team_id), ("employer_id", employer_id),
            ("employer_kind", employer_kind?.rawValue ?? 0), ("site", site), ("country", country),
            ("role", role?.rawValue ?? 0), ("start_date", start_date), ("status", status?.rawValue ?? 0),
            ("budget_minor", monthly_budget?.minorUnits), ("budget_currency", monthly_budget?.currency.code),
            ("rehire_blocked", rehire_blocked ?? false), ("created_at_ms", created_at_ms),
            ("updated_at_ms", updated_at_ms), ("left_at_ms", left_at_ms),
        ]
    }
}

extension Money {
    /// Money from two nullable columns; nil when either is missing.
    static func stored(_ minor: Int64?, _ code: String?) -> Money? {
        guard let minor, let code, let currency = try? Currency(code) else { return nil }
        return Money(minorUnits: minor, currency: currency)
    }
}

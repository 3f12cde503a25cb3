import Bus
import Contract
import Foundation
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    func account(of employeeID: String) async throws -> Staff.Account {
        try await readDB { db in try Self.account(of: Staff.Employee.fetch(employeeID, in: db), in: db).account }
    }

    func credentials(email: String) async throws -> (account: Staff.Account, hash: String?)? {
        try await readDB { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM employee WHERE email_key = ? ORDER BY created_at_ms DESC LIMIT 1",
                    arguments: [email.lowercased()])
            else { return nil }
            return try Self.account(of: Staff.Employee(row: row), in: db)
        }
    }

    func setPasswordHash(_ hash: String, of employeeID: String, key: String?) async throws -> Staff.Account {
        try await write("SetPassword", key: key) { change in
            let employee = try Staff.Employee.fetch(employeeID, in: change.db)
            try change.db.execute(
                sql: """
                    INSERT INTO account (employee_id, password_hash, deactivated, updated_at_ms) VALUES (?, ?, 0, ?)
                    ON CONFLICT (employee_id) DO UPDATE SET password_hash = excluded.password_hash,
                        updated_at_ms = excluded.updated_at_ms
                    """,
                arguments: [employeeID, hash, change.nowMs])
            return try Self.account(of: employee, in: change.db).account
        }
    }

    func setAccountActive(_ active: Bool, of employeeID: String, key: String?) async throws -> Staff.Account {
        try await write("SetAccountActive", key: key) { change in
            let employee = try Staff.Employee.fetch(employeeID, in: change.db)
            try change.db.execute(
                sql: """
                    INSERT INTO account (employee_id, deactivated, updated_at_ms) VALUES (?, ?, ?)
                    ON CONFLICT (employee_id) DO UPDATE SET deactivated = excluded.deactivated,
                        updated_at_ms = excluded.updated_at_ms
                    """,
                arguments: [employeeID, active ? 0 : 1, change.nowMs])
            return try Self.account(of: employee, in: change.db).account
        }
    }

    func employeeOfGoal(_ goalID: String) async throws -> String {
        try await readDB { db in try Self.goal(goalID, in: db).employee_id ?? "" }
    }

    /// The account of `employee` and its password hash.
    static func account(of employee: Staff.Employee, in db: Database) throws -> (account: Staff.Account, hash: String?)
    {
        let row = try Row.fetchOne(
            db, sql: "SELECT password_hash, deactivated FROM account WHERE employee_id = ?",
            arguments: [employee.employee_id])
        let hash: String? = row?["password_hash"]
        let deactivated = (row?["deactivated"] as Int64? ?? 0) != 0
        let gone = employee.status == .left || employee.status == .candidate
        let account = Staff.Account(
            employee_id: employee.employee_id, email: employee.email, name: employee.name, role: employee.role,
            team_id: employee.team_id, active: !deactivated && !gone, has_password: hash != nil)
        return (account, hash)
    }
}

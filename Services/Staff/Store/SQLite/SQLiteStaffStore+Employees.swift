import Bus
import Contract
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    func createEmployee(_ request: Staff.CreateEmployeeRequest, key: String?) async throws -> Staff.Employee {
        try await write("CreateEmployee", key: key) { change in
            let db = change.db
            if let email = request.email {
                try EmployeeRules.checkHire(email: email, blocked: Staff.Employee.rehireBlocked(email: email, in: db))
            }
            if let teamID = request.team_id { _ = try Staff.Team.fetch(teamID, in: db) }
            let employee = Staff.Employee(
                employee_id: NewID.make("emp"), name: request.name, email: request.email, phone: request.phone,
                team_id: request.team_id, employer_id: request.employer_id, employer_kind: request.employer_kind,
                site: request.site, country: request.country, role: request.role, start_date: request.start_date,
                status: request.status, monthly_budget: request.monthly_budget, rehire_blocked: false,
                created_at_ms: change.nowMs, updated_at_ms: change.nowMs)
            try employee.save(in: db)
            try change.record(
                "employee.created", subject: try employee.employee_id.stored("employee_id"),
                Staff.EmployeeCreated(employee: employee))
            if let teamID = employee.team_id {
                try change.record(
                    "team.member_added", subject: teamID,
                    Staff.TeamMemberAdded(team_id: teamID, employee_id: employee.employee_id))
            }
            return employee
        }
    }

    func employee(_ id: String) async throws -> Staff.Employee {
        try await readDB { db in try Staff.Employee.fetch(id, in: db) }
    }

    func updateEmployee(_ request: Staff.UpdateEmployeeRequest, key: String?) async throws -> Staff.Employee {
        try await write("UpdateEmployee", key: key) { change in
            var employee = try Staff.Employee.fetch(try request.employee_id.stored("employee_id"), in: change.db)
            let previous = employee.statusOrUnspecified
            if let status = request.status, status != previous {
                try EmployeeRules.checkTransition(from: previous, to: status)
                employee.status = status
                if status == .left { employee.left_at_ms = change.nowMs }
            }
            if let email = request.email, email.lowercased() != employee.email?.lowercased() {
                try EmployeeRules.checkNewEmail(
                    email, blocked: Staff.Employee.rehireBlocked(email: email, in: change.db))
            }
            employee.apply(request)
            // Someone who left is in no team any more.
            let leftTeam = employee.status == .left ? employee.team_id : nil
            if leftTeam != nil { employee.team_id = nil }
            employee.updated_at_ms = change.nowMs
            try employee.save(in: change.db)
            try change.record(
                "employee.updated", subject: try employee.employee_id.stored("employee_id"),
                Staff.EmployeeUpdated(employee: employee, previous_status: previous))
            if let team = leftTeam {
                try change.record(
                    "team.member_removed", subject: team,
                    Staff.TeamMemberRemoved(team_id: team, employee_id: employee.employee_id))
            }
            return employee
        }
    }

    func listEmployees(_ request: Staff.ListEmployeesRequest) async throws -> Staff.ListEmployeesReply {
        let page = try Page(size: request.page_size, token: request.page_token)
        return try await readDB { db in
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            func match(_ column: String, _ value: (any DatabaseValueConvertible)?) {
                guard let value else { return }
                clauses.append("\(column) = ?")
                arguments.append(value)
            }
            if let text = request.text, !text.isEmpty {
                clauses.append("(name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')")
                let pattern = "%" + text.likeEscaped + "%"
                arguments += [pattern, pattern]
            }
            match("team_id", request.team_id)
            match("role", request.role?.rawValue)
            match("employer_id", request.employer_id)
            match("employer_kind", request.employer_kind?.rawValue)
            match("country", request.country)
            match("site", request.site)
            if !request.statuses.isEmpty {
                clauses.append("status IN (\(request.statuses.map { String($0.rawValue) }.joined(separator: ",")))")
            }
            let filter = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM employee\(filter) ORDER BY name COLLATE NOCASE, employee_id LIMIT ? OFFSET ?",
                arguments: StatementArguments(arguments + [page.limit, page.offset]))
            let cut = page.cut(rows.map(Staff.Employee.init(row:)))
            return Staff.ListEmployeesReply(employees: cut.rows, next_page_token: cut.next)
        }
    }
}

extension String {
    /// Escapes LIKE wildcards with '\'.
    var likeEscaped: String {
        replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

import Bus
import Contract
import Domain
import ServiceKit

extension StaffHandlers {
    // CreateEmployee, GetEmployee, UpdateEmployee, ListEmployees.
    func createEmployee(_ request: Staff.CreateEmployeeRequest, _ context: CallContext) async throws
        -> Staff.CreateEmployeeReply
    {
        let request = try Self.checked(request)
        let employee = try await store.write(method: "CreateEmployee", idempotencyKey: context.idempotencyKey) { tx in
            if let email = request.email {
                try EmployeeRules.checkHire(email: email, blocked: tx.rehireBlocked(email: email))
            }
            if let teamID = request.team_id { _ = try tx.existingTeam(teamID) }
            let employee = Staff.Employee(
                employee_id: NewID.make("emp"), name: request.name, email: request.email, phone: request.phone,
                team_id: request.team_id, employer_id: request.employer_id, employer_kind: request.employer_kind,
                site: request.site, country: request.country, role: request.role, start_date: request.start_date,
                status: request.status, monthly_budget: request.monthly_budget, rehire_blocked: false,
                created_at_ms: tx.nowMs, updated_at_ms: tx.nowMs)
            try tx.save(employee)
            try tx.record(
                "employee.created", subject: try employee.employee_id.stored("employee_id"),
                Staff.EmployeeCreated(employee: employee))
            if let teamID = employee.team_id {
                try tx.record(
                    "team.member_added", subject: teamID,
                    Staff.TeamMemberAdded(team_id: teamID, employee_id: employee.employee_id))
            }
            return employee
        }
        return Staff.CreateEmployeeReply(employee: employee)
    }

    func getEmployee(_ request: Staff.GetEmployeeRequest, _ context: CallContext) async throws
        -> Staff.GetEmployeeReply
    {
        Staff.GetEmployeeReply(employee: try await store.employee(try Fields.id(request.employee_id, "employee_id")))
    }

    func updateEmployee(_ request: Staff.UpdateEmployeeRequest, _ context: CallContext) async throws
        -> Staff.UpdateEmployeeReply
    {
        let request = try Self.checked(request)
        let employee = try await store.write(method: "UpdateEmployee", idempotencyKey: context.idempotencyKey) { tx in
            var employee = try tx.existingEmployee(try request.employee_id.stored("employee_id"))
            let previous = employee.statusOrUnspecified
            if let status = request.status, status != previous {
                try EmployeeRules.checkTransition(from: previous, to: status)
                employee.status = status
                if status == .left { employee.left_at_ms = tx.nowMs }
            }
            if let email = request.email, email.lowercased() != employee.email?.lowercased() {
                try EmployeeRules.checkNewEmail(email, blocked: tx.rehireBlocked(email: email))
            }
            employee.apply(request)
            // Someone who left is in no team any more.
            let leftTeam = employee.status == .left ? employee.team_id : nil
            if leftTeam != nil { employee.team_id = nil }
            employee.updated_at_ms = tx.nowMs
            try tx.save(employee)
            try tx.record(
                "employee.updated", subject: try employee.employee_id.stored("employee_id"),
                Staff.EmployeeUpdated(employee: employee, previous_status: previous))
            if let team = leftTeam {
                try tx.record(
                    "team.member_removed", subject: team,
                    Staff.TeamMemberRemoved(team_id: team, employee_id: employee.employee_id))
            }
            return employee
        }
        return Staff.UpdateEmployeeReply(employee: employee)
    }

    func listEmployees(_ request: Staff.ListEmployeesRequest, _ context: CallContext) async throws
        -> Staff.ListEmployeesReply
    {
        let filter = try EmployeeFilter(request)
        let page = try Page(size: request.page_size, token: request.page_token)
        let cut = page.cut(try await store.read { try $0.employees(filter, page: page) })
        return Staff.ListEmployeesReply(employees: cut.rows, next_page_token: cut.next)
    }

    static func checked(_ request: Staff.CreateEmployeeRequest) throws -> Staff.CreateEmployeeRequest {
        var clean = request
        clean.name = try Fields.text(request.name, "name")
        clean.email = try Fields.optionalEmail(request.email)
        clean.phone = try Fields.optionalText(request.phone, "phone", maxLength: 40)
        clean.team_id = try Fields.optionalID(request.team_id, "team_id")
        clean.employer_id = try Fields.optionalSlug(request.employer_id, "employer_id") ?? "in-house"
        clean.employer_kind =
            try Checks.optionalChoice(request.employer_kind, "employer_kind")
            ?? (clean.employer_id == "in-house" ? .inHouse : .partner)
        clean.site = try Fields.optionalSlug(request.site, "site")
        clean.country = try Checks.country(request.country)
        clean.role = try Checks.optionalChoice(request.role, "role") ?? .serviceExpert
        clean.start_date = try Checks.date(request.start_date, "start_date")
        clean.status = try Checks.optionalChoice(request.status, "status") ?? .candidate
        if clean.status == .left {
            throw RPCError.invalidArgument(field: "status", "a new employee cannot have left already")
        }
        if let budget = request.monthly_budget, budget.minorUnits < 0 {
            throw RPCError.invalidArgument(
                field: "monthly_budget.minor_units", "must be 0 or more, got \(budget.minorUnits)")
        }
        return clean
    }

    static func checked(_ request: Staff.UpdateEmployeeRequest) throws -> Staff.UpdateEmployeeRequest {
        var clean = request
        clean.employee_id = try Fields.id(request.employee_id, "employee_id")
        if request.name != nil { clean.name = try Fields.text(request.name, "name") }
        if request.email != nil { clean.email = try Fields.optionalEmail(request.email) }
        if request.phone != nil { clean.phone = try Fields.optionalText(request.phone, "phone", maxLength: 40) }
        if request.employer_id != nil {
            clean.employer_id = try Fields.optionalSlug(request.employer_id, "employer_id")
        }
        clean.employer_kind = try Checks.optionalChoice(request.employer_kind, "employer_kind")
        if request.site != nil { clean.site = try Fields.optionalSlug(request.site, "site") }
        if request.country != nil { clean.country = try Checks.country(request.country) }
        clean.role = try Checks.optionalChoice(request.role, "role")
        if request.start_date != nil { clean.start_date = try Checks.date(request.start_date, "start_date") }
        clean.status = try Checks.optionalChoice(request.status, "status")
        if let budget = request.monthly_budget, budget.minorUnits < 0 {
            throw RPCError.invalidArgument(
                field: "monthly_budget.minor_units", "must be 0 or more, got \(budget.minorUnits)")
        }
        return clean
    }
}

import Bus
import Contract
import Domain
import ServiceKit

extension StaffHandlers {
    // CreateEmployee, GetEmployee, UpdateEmployee, ListEmployees.
    func createEmployee(_ request: Staff.CreateEmployeeRequest, _ context: CallContext) async throws
        -> Staff.CreateEmployeeReply
    {
        let employee = try await store.createEmployee(try Self.checked(request), key: context.idempotencyKey)
        return Staff.CreateEmployeeReply(employee: employee)
    }

    func getEmployee(_ request: Staff.GetEmployeeRequest, _ context: CallContext) async throws
        -> Staff.GetEmployeeReply
    {
        Staff.GetEmployeeReply(
            employee: try await store.employee(try Fields.id(request.employee_id, "employee_id")))
    }

    func updateEmployee(_ request: Staff.UpdateEmployeeRequest, _ context: CallContext) async throws
        -> Staff.UpdateEmployeeReply
    {
        let employee = try await store.updateEmployee(try Self.checked(request), key: context.idempotencyKey)
        return Staff.UpdateEmployeeReply(employee: employee)
    }

    func listEmployees(_ request: Staff.ListEmployeesRequest, _ context: CallContext) async throws
        -> Staff.ListEmployeesReply
    {
        var request = request
        request.text = request.text?.trimmingCharacters(in: .whitespaces)
        request.team_id = try Fields.optionalID(request.team_id, "team_id")
        request.role = try Checks.optionalChoice(request.role, "role")
        request.employer_kind = try Checks.optionalChoice(request.employer_kind, "employer_kind")
        request.country = try Checks.country(request.country)
        return try await store.listEmployees(request)
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

import Contract
import ServiceKit

/// One-record reads for `RightsInterceptor` and the handlers that need no more.
extension StaffTransactions {
    /// - Throws: `StoreError.notFound` for an unknown employee.
    func employee(_ id: String) async throws -> Staff.Employee {
        try await read { try $0.existingEmployee(id) }
    }

    /// The team with its members.
    /// - Throws: `StoreError.notFound` for an unknown team.
    func team(_ id: String) async throws -> Staff.Team {
        try await read { try $0.existingTeam(id) }
    }

    /// The employee a goal belongs to.
    /// - Throws: `StoreError.notFound` for an unknown goal.
    func employeeOfGoal(_ goalID: String) async throws -> String {
        try await read { try $0.existingGoal(goalID).employee_id ?? "" }
    }

    /// The account of an employee; one without a password yet has `has_password` false.
    /// - Throws: `StoreError.notFound` for an unknown employee.
    func account(of employeeID: String) async throws -> Staff.Account {
        try await read { try $0.account(of: $0.existingEmployee(employeeID)).account }
    }
}

import Bus
import Contract

/// What webhooks asks of staff: whether a subscription's owner is an employee.
struct StaffDesk: Sendable {
    let client: any RPCClient
    var timeout: Duration = .seconds(5)

    /// - Throws: NOT_FOUND naming `field` when staff does not know the employee;
    ///   FAILED_PRECONDITION when they left; UNAVAILABLE while staff is down.
    func checkEmployee(_ id: String, field: String) async throws {
        let employee: Staff.Employee?
        do {
            employee = try await Staff.Client(client).getEmployee(
                .init(employee_id: id), options: .init(timeout: timeout)
            ).employee
        } catch let error as RPCError where error.code == .notFound {
            throw RPCError(.notFound, "\(field): staff has no employee '\(id)'")
        }
        if employee?.status == .left {
            throw RPCError(.failedPrecondition, "\(field): employee '\(id)' has left the company")
        }
    }
}

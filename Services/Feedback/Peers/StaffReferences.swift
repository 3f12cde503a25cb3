import Bus
import Contract

/// What feedback asks staff to check the references a caller gives: that an agent
/// is an employee, that value slugs are core values.
///
/// Errors: an unknown reference is INVALID_ARGUMENT naming the request field; staff
/// unreachable (or no bus client) is UNAVAILABLE, and nothing is recorded.
struct StaffReferences: Sendable {
    let client: (any RPCClient)?
    /// Budget of each call.
    var timeout: Duration = .seconds(3)

    private func call<Request, Reply>(_ method: Method<Request, Reply>, _ request: Request) async throws -> Reply {
        guard let client else { throw RPCError(.unavailable, "staff: no bus client to check references") }
        return try await client.call(method, request, options: .init(timeout: timeout))
    }

    /// - Throws: INVALID_ARGUMENT naming `field` when staff has no employee `id`.
    func checkEmployee(_ id: String, field: String) async throws {
        do { _ = try await call(Staff.getEmployee, Staff.GetEmployeeRequest(employee_id: id)) } catch let error
            as RPCError where error.code == .notFound
        {
            throw RPCError.invalidArgument(field: field, "staff has no employee '\(id)'")
        }
    }

    /// - Throws: INVALID_ARGUMENT naming `field` for the first id that is not a core value.
    func checkCoreValues(_ ids: [String], field: String) async throws {
        guard !ids.isEmpty else { return }
        let known = Set(
            try await call(Staff.listCoreValues, Staff.ListCoreValuesRequest()).values.compactMap(\.value_id))
        if let unknown = ids.first(where: { !known.contains($0) }) {
            throw RPCError.invalidArgument(field: field, "'\(unknown)' is not a core value")
        }
    }
}

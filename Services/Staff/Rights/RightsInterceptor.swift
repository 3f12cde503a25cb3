import Bus
import Contract
import ServiceKit

/// Checks `Rights` before a staff handler runs, for calls that carry an acting
/// employee; the handlers stay as they are. The acting employee must exist and not
/// have left; calls without one (services, operators) pass unchecked.
struct RightsInterceptor: ServerInterceptor {
    let store: any StaffStore

    func intercept(_ call: ServerCall, next: @escaping ServerCall.Next) async throws -> [UInt8] {
        guard call.isKnown, let actorID = call.context.actor else { return try await next(call) }
        try await check(call.method, call.payload, actor: try await acting(actorID))
        return try await next(call)
    }

    /// The acting employee, or PERMISSION_DENIED when unknown or gone.
    private func acting(_ id: String) async throws -> Staff.Employee {
        let actor: Staff.Employee
        do { actor = try await store.employee(id) } catch StoreError.notFound {
            throw RPCError(.permissionDenied, "acting_employee_id: no employee \(id)")
        }
        guard actor.status != .left, try await store.account(of: id).active == true else {
            throw RPCError(.permissionDenied, "acting_employee_id: the account of \(id) is deactivated")
        }
        return actor
    }
}

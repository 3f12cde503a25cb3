import Bus
import Contract
import ServiceKit

/// The staff handlers, one extension per area in `Handlers/*.swift`: every method of
/// proto/staff.proto (the generated `Staff.Handler`), served from `store`.
struct StaffHandlers: Staff.Handler {
    let store: any StaffStore
    let passwords: PasswordRules
}

/// The staff service's router: the shared Health and Since, `StaffHandlers`, and
/// the `Rights` checked by `RightsInterceptor`.
/// `StaffCommand` and the tests (staff's and other services' in-process tests) build
/// it the same way:
///
/// ```swift
/// let store = try StaffSQLStore(path: path, publish: host.publish)
/// try await bus.worker(makeStaffRouter(store: store))
/// ```
/// `passwords` hash at bcrypt's cost 12 unless the operator chose another
/// (`--password-cost`); in-process tests may use bcrypt's lowest, 4.
func makeStaffRouter(store: any StaffStore, passwords: PasswordRules = PasswordRules()) -> ServiceRouter {
    var router = ServiceRouter(service: Staff.service)
    router.registerStandardMethods(events: store)
    router.register(StaffHandlers(store: store, passwords: passwords))
    // Who may act on people's records, for calls that name an acting employee.
    router.interceptors.append(RightsInterceptor(store: store))
    return router
}

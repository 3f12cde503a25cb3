import Bus
import Contract
import ServiceKit

/// The staff handlers, one extension per area in `Handlers/*.swift`: every method of
/// proto/staff.proto (the generated `Staff.Handler`), served from `store`.
struct StaffHandlers: Staff.Handler {
    let store: any StaffStore
}

/// The staff service's router: the shared Health and Since, `StaffHandlers`, and
/// the `Rights` checked by `RightsInterceptor`.
/// `StaffCommand` and the tests (staff's and other services' in-process tests) build
/// it the same way:
///
/// ```swift
/// let store = try SQLiteStaffStore(path: path, publish: host.publish)
/// try await bus.worker(makeStaffRouter(store: store))
/// ```
func makeStaffRouter(store: any StaffStore) -> ServiceRouter {
    var router = ServiceRouter(service: Staff.service)
    router.registerStandardMethods(events: store)
    router.register(StaffHandlers(store: store))
    // Who may act on people's records, for calls that name an acting employee.
    router.interceptors.append(RightsInterceptor(store: store))
    return router
}

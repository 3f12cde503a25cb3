import Bus
import Contract

/// Namespace of the handler groups (`Handlers/*.swift`), each registering one area.
enum StaffHandlers {}

/// The staff service's router: Health, Since and every method of proto/staff.proto,
/// served from `store`. `StaffCommand` and the tests (staff's and other services'
/// in-process tests) build it the same way:
///
/// ```swift
/// let store = try SQLiteStaffStore(path: path, publish: host.publish)
/// try await bus.worker(makeStaffRouter(store: store))
/// ```
func makeStaffRouter(store: any StaffStore) -> ServiceRouter {
    var router = ServiceRouter(service: Staff.service)
    let started = ContinuousClock.now
    router.register(Staff.health) { _, _ in
        let uptime = ContinuousClock.now - started
        return HealthReply(
            service: Staff.service, status: .serving, version: GlimlachRelease.version,
            uptime_ms: UInt64(uptime.components.seconds * 1000 + uptime.components.attoseconds / 1_000_000_000_000_000),
            last_sequence: try await store.lastSequence())
    }
    router.register(Staff.since) { request, _ in try await store.since(request) }
    StaffHandlers.registerEmployees(on: &router, store: store)
    StaffHandlers.registerTeams(on: &router, store: store)
    StaffHandlers.registerCoreValues(on: &router, store: store)
    StaffHandlers.registerHiring(on: &router, store: store)
    StaffHandlers.registerOnboarding(on: &router, store: store)
    StaffHandlers.registerOffers(on: &router, store: store)
    StaffHandlers.registerPlans(on: &router, store: store)
    StaffHandlers.registerConversations(on: &router, store: store)
    StaffHandlers.registerPulse(on: &router, store: store)
    StaffHandlers.registerBudget(on: &router, store: store)
    return router
}

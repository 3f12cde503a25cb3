import Bus
import Contract
import Logging
import ServiceKit

/// The tickets router: every method of `service Tickets` (`TicketsService` adopts the
/// generated `Tickets.Handler`), plus the shared Health and Since.
/// `TicketsCommand` and the tests build it the same way.
///
/// ```swift
/// let store = try TicketsSQLStore(path: path, publish: host.publish)
/// try await bus.worker(makeTicketsRouter(store: store, client: host.client))
/// ```
/// - Parameters:
///   - store: the tickets database.
///   - client: reaches staff (the bus, or `InMemoryTransport` in tests).
///   - settings: timeouts and rules beyond the contract.
func makeTicketsRouter(store: TicketsSQLStore, client: any RPCClient, settings: TicketsSettings = .init())
    -> ServiceRouter
{
    let service = TicketsService(
        store: store, staff: StaffDirectory(client: client, timeout: settings.staffTimeout), settings: settings)
    var router = ServiceRouter(service: Tickets.service)
    router.registerStandardMethods(events: store.database)
    router.register(service)
    return router
}

/// The scheduler that flags at-risk and breached tickets, on the same store and staff.
func makeSLAScheduler(
    store: TicketsSQLStore, client: any RPCClient, settings: TicketsSettings = .init(),
    logger: Logger = Logger(label: "tickets.sla")
) -> SLAScheduler {
    SLAScheduler(
        service: TicketsService(
            store: store, staff: StaffDirectory(client: client, timeout: settings.staffTimeout), settings: settings),
        interval: settings.slaTickInterval, logger: logger)
}

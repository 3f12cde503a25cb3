import Bus
import Contract
import Logging
import ServiceKit

/// The tickets router: every method of `service Tickets`, plus Health and Since.
/// `TicketsCommand` and the tests build it the same way.
///
/// ```swift
/// let store = try SQLiteTicketsStore(path: path, publish: host.publish)
/// try await bus.worker(makeTicketsRouter(store: store, client: host.client))
/// ```
/// - Parameters:
///   - store: the tickets database.
///   - client: reaches staff over the bus.
///   - settings: timeouts and rules beyond the contract.
func makeTicketsRouter(store: SQLiteTicketsStore, client: BusClient, settings: TicketsSettings = .init())
    -> ServiceRouter
{
    let service = TicketsService(
        store: store, staff: StaffDirectory(client: client, timeout: settings.staffTimeout), settings: settings)
    var router = ServiceRouter(service: Tickets.service)
    let started = ContinuousClock.now
    router.register(Tickets.health) { _, _ in
        let uptime = ContinuousClock.now - started
        return HealthReply(
            service: Tickets.service, status: .serving, version: GlimlachRelease.version,
            uptime_ms: UInt64(uptime.components.seconds * 1000 + uptime.components.attoseconds / 1_000_000_000_000_000),
            last_sequence: try await store.database.lastSequence())
    }
    router.register(Tickets.since) { request, _ in try await store.database.since(request) }
    router.register(Tickets.createTicket, service.createTicket)
    router.register(Tickets.getTicket, service.getTicket)
    router.register(Tickets.listTickets, service.listTickets)
    router.register(Tickets.addMessage, service.addMessage)
    router.register(Tickets.addNote, service.addNote)
    router.register(Tickets.assignTicket, service.assignTicket)
    router.register(Tickets.setTicketStatus, service.setTicketStatus)
    router.register(Tickets.setTicketPriority, service.setTicketPriority)
    router.register(Tickets.escalateTicket, service.escalateTicket)
    router.register(Tickets.openFollowUp, service.openFollowUp)
    router.register(Tickets.grantGesture, service.grantGesture)
    router.register(Tickets.approveGesture, service.approveGesture)
    router.register(Tickets.resolveTicket, service.resolveTicket)
    router.register(Tickets.reopenTicket, service.reopenTicket)
    router.register(Tickets.closeTicket, service.closeTicket)
    router.register(Tickets.recordHandleTime, service.recordHandleTime)
    router.register(Tickets.importTicket, service.importTicket)
    router.register(Tickets.getChannelCalendars, service.getChannelCalendars)
    router.register(Tickets.setChannelCalendar, service.setChannelCalendar)
    router.register(Tickets.getResponseTargets, service.getResponseTargets)
    router.register(Tickets.setResponseTarget, service.setResponseTarget)
    router.register(Tickets.getSlaStatus, service.getSlaStatus)
    return router
}

/// The scheduler that flags at-risk and breached tickets, on the same store and staff.
func makeSLAScheduler(
    store: SQLiteTicketsStore, client: BusClient, settings: TicketsSettings = .init(),
    logger: Logger = Logger(label: "tickets.sla")
) -> SLAScheduler {
    SLAScheduler(
        service: TicketsService(
            store: store, staff: StaffDirectory(client: client, timeout: settings.staffTimeout), settings: settings),
        interval: settings.slaTickInterval, logger: logger)
}

import Contract
import Domain
import Foundation
import Logging
import ServiceKit
import Synchronization
import Testing
import TestSupport

@testable import ChannelsService

/// Channels' background jobs when several channels processes share one PostgreSQL
/// database: each job runs in the one process holding its lease, and moves to
/// another when that process stops renewing it. (On SQLite there is one process,
/// which holds every lease.)
@Suite(
    "channels: jobs run in one process on a shared database", .enabled(if: TestBackend.isPostgres),
    .timeLimit(.minutes(1)))
struct JobLeaseTests {
    @Test("two stores on one database never both hold a job's lease; the second takes it once the first stops renewing")
    func leaseHeldByOne() async throws {
        let url = try await TestPostgres.freshDatabase()
        let clock = LeaseClock()
        let first = try await ChannelsSQLStore.open(url, clock: clock.function, leaseHolder: "first")
        let second = try await ChannelsSQLStore.open(url, clock: clock.function, leaseHolder: "second")
        let logger = Logger(label: "test")
        let one = JobLeaseKeeper(job: DeliveryWorker.job, seconds: 30, store: first, logger: logger)
        let other = JobLeaseKeeper(job: DeliveryWorker.job, seconds: 30, store: second, logger: logger)
        for round in 0..<40 {
            async let a = one.hold()
            async let b = other.hold()
            let (held, alsoHeld) = await (a, b)
            #expect(held != alsoHeld, "round \(round): exactly one holds the lease")
            if round.isMultiple(of: 10) { clock.advance(by: 10) }
        }
        let holder = await one.hold() ? one : other
        let waiting = holder === one ? other : one
        #expect(await holder.hold())
        #expect(await waiting.hold() == false)
        // The holder stops renewing: within the lease the job stays its own, after it the other takes it.
        clock.advance(by: 29)
        #expect(await waiting.hold() == false)
        clock.advance(by: 2)
        #expect(await waiting.hold())
        #expect(await holder.hold() == false, "the first process does not take it back while the second renews")
    }

    @Test("a second process sends nothing while the first holds the deliveries lease, and sends once it lapsed")
    func deliveriesMoveWithTheLease() async throws {
        let url = try await TestPostgres.freshDatabase()
        let clock = LeaseClock()
        let desk = try await ServiceDesk(
            channelsStore: try await ChannelsSQLStore.open(url, clock: clock.function, leaseHolder: "first"))
        let second = try await ChannelsSQLStore.open(url, clock: clock.function, leaseHolder: "second")
        let secondWorker = DeliveryWorker(
            handlers: ChannelsHandlers(
                store: second, desk: PeerServices(client: desk.transport), settings: desk.channels.handlers.settings),
            outlets: [.email: desk.outlet], logger: Logger(label: "second"))
        let firstWorker = desk.channels.deliveries
        #expect(await firstWorker.lease.hold())

        let (ticket, _) = try await desk.channels.handlers.take(
            InboundMessage(
                channel: .email, handle: "anna@example.nl", name: "Anna de Vries", language: "nl", country: "NL",
                conversationKey: "m1@mail.example", subject: "Kapotte fotoboek", body: "De kaft is gescheurd.",
                externalID: "m1@mail.example", mailID: "m1@mail.example"))
        _ = try await desk.reply("Er is een nieuw boek onderweg.", on: ticket.ticketID)
        try await desk.sync()
        #expect(try await desk.deliveries(ticket.ticketID).map(\.state) == [.queued])
        #expect(await secondWorker.deliverDue() == 0)
        #expect(desk.outlet.sent.withLock { $0.isEmpty }, "the first process holds the job")

        // The first process stops renewing (it died): the second takes the job and sends the reply, once.
        clock.advance(by: TimeInterval(desk.channels.handlers.settings.jobLeaseSeconds + 1))
        #expect(await secondWorker.deliverDue() == 1)
        #expect(await firstWorker.deliverDue() == 0)
        #expect(desk.outlet.sent.withLock { $0.map(\.body) } == ["Er is een nieuw boek onderweg."])
        #expect(try await desk.deliveries(ticket.ticketID).map(\.state) == [.sent])
    }
}

/// The stores' clock, moved by the tests (a lease expires by it).
private final class LeaseClock: Sendable {
    private let current = Mutex(Date())

    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }

    var function: @Sendable () -> Date { { self.current.withLock { $0 } } }
}

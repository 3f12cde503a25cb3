import Contract
import Foundation
import Logging
import ServiceKit
import Testing
import TestSupport

@testable import WebhooksService

/// Webhooks' delivery worker when several webhooks processes share one PostgreSQL
/// database: it POSTs in the one process holding the `webhook-deliveries` lease,
/// and moves to another when that process stops renewing it. (On SQLite there is
/// one process, which holds every lease; the delivery suites run under it.)
@Suite(
    "webhooks: deliveries POSTed by one process on a shared database", .enabled(if: TestBackend.isPostgres),
    .timeLimit(.minutes(1)))
struct JobLeaseTests {
    @Test(
        "two stores on one database never both hold the deliveries lease; the second takes it once the first stops renewing"
    )
    func leaseHeldByOne() async throws {
        let url = try await TestPostgres.freshDatabase()
        let clock = TestClock()
        let first = try await WebhooksSQLStore.open(url, clock: clock.function, leaseHolder: "first")
        let second = try await WebhooksSQLStore.open(url, clock: clock.function, leaseHolder: "second")
        let logger = Logger(label: "test")
        let one = JobLeaseKeeper(job: DeliveryWorker.job, seconds: 30, store: first, logger: logger)
        let other = JobLeaseKeeper(job: DeliveryWorker.job, seconds: 30, store: second, logger: logger)
        for round in 0..<20 {
            async let a = one.hold()
            async let b = other.hold()
            let (held, alsoHeld) = await (a, b)
            #expect(held != alsoHeld, "round \(round): exactly one holds the lease")
            if round.isMultiple(of: 5) { clock.advance(by: 10) }
        }
        let holder = await one.hold() ? one : other
        let waiting = holder === one ? other : one
        #expect(await waiting.hold() == false)
        // The holder stops renewing: within the lease the job stays its own, after it the other takes it.
        clock.advance(by: 29)
        #expect(await waiting.hold() == false)
        clock.advance(by: 2)
        #expect(await waiting.hold())
        #expect(await holder.hold() == false, "the first process does not take it back while the second renews")
    }

    @Test(
        "a second process POSTs nothing while the first holds the lease, the delivery is POSTed once, and the second POSTs once the lease lapsed"
    )
    func deliveriesMoveWithTheLease() async throws {
        let url = try await TestPostgres.freshDatabase()
        let desk = try await WebhookDesk { clock in
            try await WebhooksSQLStore.open(url, clock: clock.function, leaseHolder: "first")
        }
        let second = try await WebhooksSQLStore.open(url, clock: desk.clock.function, leaseHolder: "second")
        let settings = desk.webhooks.handlers.settings
        let secondWorker = DeliveryWorker(
            handlers: WebhooksHandlers(store: second, staff: StaffDesk(client: desk.transport), settings: settings),
            poster: EndpointPoster(), logger: Logger(label: "second"))
        let firstWorker = desk.webhooks.deliveries
        let receiver = WebhookReceiver()
        try await receiver.run { url in
            let subscription = try await desk.subscribe(url, to: ["ticket.resolved"])
            let id = try #require(subscription.subscription_id)
            _ = try await desk.resolvedTicket()
            try await desk.sync()
            #expect(try await desk.deliveries(id).map(\.state) == [.pending])
            #expect(await firstWorker.lease.hold())

            #expect(await secondWorker.deliverDue() == 0)
            #expect(receiver.received.isEmpty, "the first process holds the job")
            async let firstPass = firstWorker.deliverDue()
            async let secondPass = secondWorker.deliverDue()
            let passes = await [firstPass, secondPass]
            #expect(passes == [1, 0])
            #expect(await secondWorker.deliverDue() == 0)
            #expect(await firstWorker.deliverDue() == 0)
            let delivered = try #require(try await desk.deliveries(id).first)
            let deliveryID = try #require(delivered.delivery_id)
            #expect(delivered.state == .succeeded && delivered.attempt_count == 1)
            #expect(receiver.received.map(\.id) == [deliveryID])

            // The first process stops renewing (it died): the second takes the job and POSTs the replay, once.
            desk.clock.advance(by: TimeInterval(settings.jobLeaseSeconds + 1))
            _ = try await desk.call(Webhooks.replayDelivery, .init(delivery_id: deliveryID))
            #expect(await secondWorker.deliverDue() == 1)
            #expect(await firstWorker.deliverDue() == 0)
            #expect(receiver.received.map(\.id) == [deliveryID, deliveryID])
            let replayed = try #require(try await desk.deliveries(id).first)
            #expect(replayed.state == .succeeded && replayed.attempts.count == 2)

            // A delivery the first process read in a pass before the lease moved is not POSTed by it.
            _ = try await desk.call(Webhooks.replayDelivery, .init(delivery_id: deliveryID))
            let due = try #require(try await desk.webhooks.store.read { try $0.delivery(id: deliveryID) })
            await firstWorker.attempt(due)
            #expect(receiver.received.count == 2)
            #expect(try await desk.deliveries(id).first?.state == .pending)
        }
    }
}

/// How long the deliveries lease lasts, from the flags.
@Suite("webhooks: the deliveries lease outlasts an attempt")
struct JobLeaseLengthTests {
    @Test("90 s by default; the attempt timeout plus 30 s when that is longer")
    func leaseLength() throws {
        #expect(try WebhooksOptions.parse([]).settings.jobLeaseSeconds == 90)
        #expect(try WebhooksOptions.parse(["--timeout-ms", "60000"]).settings.jobLeaseSeconds == 90)
        #expect(try WebhooksOptions.parse(["--timeout-ms", "120000"]).settings.jobLeaseSeconds == 150)
    }
}

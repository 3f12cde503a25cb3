import Bus
import Contract
import Foundation
import TestSupport
import Testing

@testable import FeedbackService

/// A detractor answer without an invitation; returns its response id.
private func detractor(_ harness: FeedbackHarness, customer: String) async throws -> String {
    let reply = try await harness.call(
        Feedback.submitResponse,
        Feedback.SubmitResponseRequest(score: 2, attribution: .init(touchpoint: "delivery"), customer_id: customer))
    return try #require(reply.response?.response_id)
}

@Suite("Follow-up delivery runs in one feedback process", .serialized)
struct FollowUpLeaseTests {
    @Test(
        "two feedback processes on one PostgreSQL database never both deliver; the second takes over once the first stops renewing",
        .enabled(if: TestBackend.isPostgres))
    func oneProcessDelivers() async throws {
        let first = try await FeedbackHarness()
        let second = try await FeedbackHarness(database: first.database)
        let delivery = first.app.followUps
        #expect(delivery.leaseSeconds == 3)
        let anna = try await detractor(first, customer: "cus-anna")
        #expect(await first.app.followUps.deliverIfHolding(wasHolding: false))
        #expect(await !second.app.followUps.deliverIfHolding(wasHolding: false))
        #expect(first.tickets.calls.withLock { $0 }.map(\.responseID) == [anna])
        #expect(second.tickets.calls.withLock { $0 }.isEmpty)

        // Both keep trying, a second apart, for longer than a lease: the first renews, the second waits.
        for _ in 0..<5 {
            first.clock.advance(ms: 1000)
            second.clock.advance(ms: 1000)
            #expect(await first.app.followUps.deliverIfHolding(wasHolding: true))
            #expect(await !second.app.followUps.deliverIfHolding(wasHolding: false))
        }

        // The first stops (no more renewals): once its lease expired, the second delivers.
        let bram = try await detractor(second, customer: "cus-bram")
        second.clock.advance(ms: 2000)
        #expect(await !second.app.followUps.deliverIfHolding(wasHolding: false), "the lease runs 3 s after renewal")
        #expect(second.tickets.calls.withLock { $0 }.isEmpty, "a process without the lease delivers nothing")
        #expect(try await second.store.followUp(responseID: bram).status == .pending)
        second.clock.advance(ms: 1500)
        #expect(await second.app.followUps.deliverIfHolding(wasHolding: false))
        #expect(second.tickets.calls.withLock { $0 }.map(\.responseID) == [bram])
        #expect(await !first.app.followUps.deliverIfHolding(wasHolding: true))
        #expect(first.tickets.calls.withLock { $0 }.map(\.responseID) == [anna])
        await second.shutdown()
        await first.shutdown()
    }

    @Test(
        "on SQLite the one feedback process always holds the lease and delivers", .enabled(if: TestBackend.isSQLite)
    )
    func sqliteAlwaysHolds() async throws {
        let harness = try await FeedbackHarness()
        let anna = try await detractor(harness, customer: "cus-anna")
        #expect(await harness.app.followUps.deliverIfHolding(wasHolding: false))
        #expect(harness.tickets.calls.withLock { $0 }.map(\.responseID) == [anna])
        await harness.shutdown()
    }
}

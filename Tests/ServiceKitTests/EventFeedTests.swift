import Bus
import Contract
import Foundation
import Logging
import ServiceKit
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// A value behind a lock that closures can share.
private final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T { try mutex.withLock { try body(&$0) } }
}

/// A "tickets" service on an in-process bus: a store whose committed events are
/// published (except those the test drops) and a worker serving its `Since`.
private final class Source: Sendable {
    let bus: InProcessBus
    let store: SQLiteStore
    let publisher: EventPublisher
    let dropped = Locked<Set<UInt64>>([])
    let sinceCalls = Locked(0)

    init() async throws {
        bus = try await InProcessBus()
        let publisher = EventPublisher(endpoint: bus.endpoints.eventsIn)
        self.publisher = publisher
        let dropped = dropped
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glimlach-feed-\(UUID().uuidString)/t.sqlite")
        store = try SQLiteStore(
            path: path.path, service: "tickets", migrations: [],
            publish: { events in
                for event in events where !dropped.withLock({ $0.contains(event.sequence) }) {
                    try? publisher.publish(event)
                }
            })
        var router = ServiceRouter(service: "tickets")
        router.register(Method<SinceRequest, SinceReply>(service: "tickets", name: "Since", idempotent: true)) {
            [store, sinceCalls] request, _ in
            sinceCalls.withLock { $0 += 1 }
            return try await store.since(request)
        }
        try await bus.worker(router)
    }

    /// Commits one `ticket.resolved` and returns its sequence.
    @discardableResult
    func resolve() async throws -> UInt64 {
        try await store.write(method: "ResolveTicket") { change in
            let resolved = Tickets.TicketResolved(ticket_id: "tkt-\(UUID().uuidString.prefix(8))")
            try change.record("ticket.resolved", subject: resolved.ticket_id!, resolved)
            return resolved
        }
        return try await store.lastSequence()
    }

    func shutdown() async {
        await publisher.close()
        await bus.shutdown()
    }
}

/// The consumer side: what a feed applied, in order.
private final class Applied: Sendable {
    let sequences = Locked<[UInt64]>([])
    /// Sequences whose first apply throws (the feed must retry them).
    let failOnce = Locked<Set<UInt64>>([])
    var all: [UInt64] { sequences.withLock { $0 } }

    func feed(_ source: Source, positions: [String: UInt64] = [:]) -> EventFeed {
        EventFeed(
            services: ["tickets"], client: source.bus.client(), eventsEndpoint: source.bus.endpoints.eventsOut,
            positions: positions, resyncInterval: .seconds(60), logger: Logger(label: "test.feed")
        ) { [sequences, failOnce] event in
            if failOnce.withLock({ $0.remove(event.sequence) }) != nil { throw RPCError(.unavailable, "db busy") }
            sequences.withLock { $0.append(event.sequence) }
        }
    }
}

private struct StreamNotLive: Error {}

/// PUB/SUB joins asynchronously: resolves until an event reaches the feed within
/// 200 ms (by the stream, or by the replay of a gap the stream showed: the resync
/// is a minute away). Returns the last sequence.
private func streamIsLive(_ source: Source, _ applied: Applied) async throws -> UInt64 {
    for _ in 0..<50 {
        let last = try await source.resolve()
        for _ in 0..<10 {
            if applied.all.last == last { return last }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
    throw StreamNotLive()
}

@Suite("EventFeed: following another service exactly once", .serialized)
struct EventFeedTests {
    @Test("catches up through Since, then applies live events as the source's Since records them")
    func catchUpThenLive() async throws {
        let source = try await Source()
        for _ in 1...5 { try await source.resolve() }
        let applied = Applied()
        let feed = applied.feed(source)
        let running = Task { try await feed.run() }
        try await waitUntil("the five earlier events are applied") { applied.all == [1, 2, 3, 4, 5] }
        // PUB/SUB joins asynchronously: resolve until one arrives by the stream (the resync
        // is a minute away, so only the stream or a gap it shows can bring it).
        var last = try await streamIsLive(source, applied)
        let sinceBefore = source.sinceCalls.withLock { $0 }
        for _ in 1...20 { last = try await source.resolve() }
        try await waitUntil("twenty live events are applied") { [last] in applied.all.last == last }
        #expect(applied.all == Array(1...last))
        #expect(source.sinceCalls.withLock { $0 } - sinceBefore <= 20, "at most one Since per live event")
        #expect(feed.positions == ["tickets": last])
        running.cancel()
        try await running.value
        await source.shutdown()
    }

    @Test("an event lost on the stream is replayed from Since when the next one shows the gap")
    func gapReplayed() async throws {
        let source = try await Source()
        let applied = Applied()
        let feed = applied.feed(source)
        let running = Task { try await feed.run() }
        let last = try await streamIsLive(source, applied)
        source.dropped.withLock { $0 = [last + 1, last + 2] }
        applied.failOnce.withLock { $0 = [last + 3] }
        for _ in 1...4 { try await source.resolve() }
        try await waitUntil("the events after the gap are applied") { applied.all.last == last + 4 }
        #expect(applied.all == Array(1...(last + 4)), "every event once, in order, the failed one retried")
        running.cancel()
        try await running.value
        await source.shutdown()
    }

    @Test("an event forged by another publisher under the next sequence is not applied, and the real one still is")
    func forgedEventIgnored() async throws {
        let source = try await Source()
        let payloads = Locked<[UInt64: [UInt8]]>([:])
        let feed = EventFeed(
            services: ["tickets"], client: source.bus.client(), eventsEndpoint: source.bus.endpoints.eventsOut,
            resyncInterval: .seconds(60), logger: Logger(label: "test.feed")
        ) { event in payloads.withLock { $0[event.sequence] = event.payload } }
        let running = Task { try await feed.run() }
        let forger = EventPublisher(endpoint: source.bus.endpoints.eventsIn)
        let forged = Tickets.TicketResolved(ticket_id: "tkt-forged", customer_handle: "forger@example.com")
        // PUB/SUB joins asynchronously: resolve until the stream brings events, then forge the next one.
        let newest = Locked<UInt64>(0)
        try await waitUntil("the feed follows the stream") {
            let sequence = try await source.resolve()
            newest.withLock { $0 = sequence }
            try await Task.sleep(for: .milliseconds(50))
            return payloads.withLock { $0[sequence] } != nil
        }
        let last = newest.withLock { $0 }
        for _ in 0..<20 {
            try forger.publish(
                Event(
                    service: "tickets", sequence: last + 1, type: "ticket.resolved", occurred_at_ms: 0,
                    subject_id: "tkt-forged", payload: try forged.wireBytes()))
            try await Task.sleep(for: .milliseconds(10))
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(feed.positions == ["tickets": last], "the forged event moved the feed")
        let real = try await source.resolve()
        #expect(real == last + 1)
        try await waitUntil("the real event is applied") { payloads.withLock { $0[real] } != nil }
        let applied = try Tickets.TicketResolved(wireBytes: try #require(payloads.withLock { $0[real] }))
        #expect(applied.ticket_id != "tkt-forged")
        running.cancel()
        try await running.value
        await forger.close()
        await source.shutdown()
    }

    @Test("a feed restarted from a stored position applies what it missed and nothing twice")
    func restartFromStoredPosition() async throws {
        let source = try await Source()
        for _ in 1...3 { try await source.resolve() }
        let first = Applied()
        let feed = first.feed(source)
        let running = Task { try await feed.run() }
        try await waitUntil("the first feed is current") { first.all == [1, 2, 3] }
        running.cancel()
        try await running.value  // stopping is not a failure
        // While the consumer is down, more happens.
        for _ in 1...4 { try await source.resolve() }
        let second = Applied()
        let restarted = second.feed(source, positions: ["tickets": 3])
        try await restarted.catchUp()
        #expect(second.all == [4, 5, 6, 7])
        #expect(first.all + second.all == Array(1...7))
        await source.shutdown()
    }

    @Test("a source restored from a backup older than the consumer's position is followed from its last event")
    func sourceBehindTheConsumer() async throws {
        let source = try await Source()
        for _ in 1...3 { try await source.resolve() }
        // The consumer had applied up to 7 before the source's data was restored to 3.
        let applied = Applied()
        let feed = applied.feed(source, positions: ["tickets": 7])
        try await feed.catchUp()
        #expect(applied.all.isEmpty)
        #expect(feed.positions["tickets"] == 3)
        // What the restored source commits next (4, 5) is applied, not skipped as seen.
        for _ in 1...2 { try await source.resolve() }
        try await feed.catchUp()
        #expect(applied.all == [4, 5])
        await source.shutdown()
    }

    @Test("a graceful shutdown ends the feed normally, even while it waits for a source that is down")
    func shutdownWhileWaiting() async throws {
        let bus = try await InProcessBus()
        let feed = EventFeed(
            services: ["tickets"], client: bus.client(), eventsEndpoint: bus.endpoints.eventsOut,
            logger: Logger(label: "test.feed")
        ) { _ in }
        let group = ServiceGroup(
            configuration: .init(services: [feed], gracefulShutdownSignals: [], logger: Logger(label: "test.group")))
        let running = Task { try await group.run() }
        try await Task.sleep(for: .milliseconds(300))  // retrying Since against nobody
        await group.triggerGracefulShutdown()
        try await running.value  // a CancellationError here would stop a whole service process with an error
        #expect(feed.positions == ["tickets": 0])
        // Cancelled outright, too.
        let cancelled = Task { try await feed.run() }
        try await Task.sleep(for: .milliseconds(200))
        cancelled.cancel()
        try await cancelled.value
        await bus.shutdown()
    }
}

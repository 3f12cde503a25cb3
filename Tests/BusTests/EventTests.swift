import TestSupport
import Bus
import Testing

private func event(_ service: String, _ sequence: UInt64) -> Event {
    Event(
        service: service, sequence: sequence, type: "ticket.resolved", occurred_at_ms: 1_700_000_000_000,
        subject_id: "T-\(sequence)")
}

@Suite("Gap detection")
struct GapDetectorTests {
    @Test("in-order events pass, repeats are dropped, a jump is reported before the event")
    func detects() {
        var detector = GapDetector(positions: ["tickets": 3])
        #expect(detector.accept(event("tickets", 4)) == [.event(event("tickets", 4))])
        #expect(detector.accept(event("tickets", 4)).isEmpty)
        #expect(detector.accept(event("tickets", 2)).isEmpty)
        #expect(
            detector.accept(event("tickets", 8)) == [
                .gap(service: "tickets", from: 5, to: 7), .event(event("tickets", 8)),
            ])
        // Services are counted apart: the first staff event after nothing is 1.
        #expect(detector.accept(event("staff", 1)) == [.event(event("staff", 1))])
        #expect(detector.positions == ["tickets": 8, "staff": 1])
    }

    @Test("a replay that catches up moves the position forward")
    func advance() {
        var detector = GapDetector()
        detector.advance("feedback", to: 10)
        #expect(detector.accept(event("feedback", 10)).isEmpty)
        #expect(detector.accept(event("feedback", 11)) == [.event(event("feedback", 11))])
    }
}

@Suite("Events through the bus", .serialized)
struct EventStreamTests {
    @Test("a subscriber sees every published event in order, and the gap it is handed")
    func inOrderThenGap() async throws {
        let bus = try await InProcessBus()
        let publisher = EventPublisher(endpoint: bus.endpoints.eventsIn)
        let subscriber = EventSubscriber(endpoint: bus.endpoints.eventsOut, topics: ["tickets."])
        var deliveries = subscriber.deliveries.makeAsyncIterator()
        // PUB/SUB joins asynchronously: repeat event 1 until it arrives (repeats are dropped).
        let first = Task {
            while !Task.isCancelled {
                try publisher.publish(event("tickets", 1))
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        #expect(await deliveries.next() == .event(event("tickets", 1)))
        first.cancel()
        _ = await first.result
        try publisher.publish(event("staff", 1))  // another topic: filtered out
        for sequence in 2...300 { try publisher.publish(event("tickets", UInt64(sequence))) }
        for sequence in 2...300 {
            let delivery = await deliveries.next()
            guard delivery == .event(event("tickets", UInt64(sequence))) else {
                Issue.record("expected event \(sequence), got \(String(describing: delivery))")
                break
            }
        }
        try publisher.publish(event("tickets", 305))
        #expect(await deliveries.next() == .gap(service: "tickets", from: 301, to: 304))
        #expect(await deliveries.next() == .event(event("tickets", 305)))
        await publisher.close()
        await subscriber.close()
        await bus.shutdown()
    }

    @Test("a slow consumer's overflow shows up as a gap, not as growing memory")
    func overflowBecomesGap() async throws {
        let bus = try await InProcessBus()
        let publisher = EventPublisher(endpoint: bus.endpoints.eventsIn)
        let subscriber = EventSubscriber(endpoint: bus.endpoints.eventsOut, topics: ["tickets."], bufferSize: 50)
        var deliveries = subscriber.deliveries.makeAsyncIterator()
        let probe = Task {
            while !Task.isCancelled {
                try publisher.publish(event("tickets", 1))
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        #expect(await deliveries.next() == .event(event("tickets", 1)))
        probe.cancel()
        _ = await probe.result
        for sequence in 2...2000 { try publisher.publish(event("tickets", UInt64(sequence))) }
        try await Task.sleep(for: .milliseconds(500))
        // A gap shows when the next event arrives after the overflow: keep sending one.
        let next = Task {
            while !Task.isCancelled {
                try publisher.publish(event("tickets", 2001))
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        var delivered = 0
        var gap: EventDelivery?
        while gap == nil, let delivery = await deliveries.next() {
            if case .gap = delivery { gap = delivery } else { delivered += 1 }
        }
        next.cancel()
        _ = await next.result
        guard case .gap(let service, let from, let to) = gap else {
            Issue.record("no gap reported after \(delivered) events")
            return
        }
        #expect(service == "tickets")
        #expect(delivered <= 50, "the consumer was handed at most its buffer before the gap")
        #expect(from == UInt64(delivered) + 2 && to >= 2000)
        #expect(await deliveries.next() == .event(event("tickets", to + 1)))
        await publisher.close()
        await subscriber.close()
        await bus.shutdown()
    }

    @Test("an event larger than --max-message-bytes is not passed on; smaller ones after it are")
    func oversizedEventDropped() async throws {
        let bus = try await InProcessBus { $0.maxMessageBytes = 4096 }
        let publisher = EventPublisher(endpoint: bus.endpoints.eventsIn)
        let subscriber = EventSubscriber(endpoint: bus.endpoints.eventsOut, topics: ["tickets."])
        var deliveries = subscriber.deliveries.makeAsyncIterator()
        let probe = Task {
            while !Task.isCancelled {
                try publisher.publish(event("tickets", 1))
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        #expect(await deliveries.next() == .event(event("tickets", 1)))
        probe.cancel()
        _ = await probe.result
        var big = event("tickets", 2)
        big.payload = Array(repeating: 7, count: 10_000)
        try publisher.publish(big)
        // The broker dropped the publisher's connection; it reconnects by itself.
        let after = Task {
            while !Task.isCancelled {
                try publisher.publish(event("tickets", 3))
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        var received: [EventDelivery] = []
        while let delivery = await deliveries.next() {
            received.append(delivery)
            if delivery == .event(event("tickets", 3)) { break }
        }
        after.cancel()
        _ = await after.result
        #expect(received == [.gap(service: "tickets", from: 2, to: 2), .event(event("tickets", 3))])
        await publisher.close()
        await subscriber.close()
        await bus.shutdown()
    }
}

import Testing
import Wire
import ZeroMQ

@testable import Bus

@Suite("Broker bookkeeping")
struct BrokerStateTests {
    @Test("requests go to the least recently used worker with a free slot")
    func leastRecentlyUsed() {
        var broker = BrokerHarness()
        for worker in ["w1", "w2", "w3"] { broker.ready(worker, "echo") }
        for index in 0..<3 { broker.request("c", "echo", id: "r\(index)") }
        let first = BrokerHarness.dispatches(broker.sent()).map(\.worker)
        #expect(first == ["w1", "w2", "w3"])
        // All busy: the fourth waits until one answers.
        broker.request("c", "echo", id: "r3")
        #expect(BrokerHarness.dispatches(broker.sent()).isEmpty)
        #expect(broker.state.listing().services[0].queue_depth == 1)
    }

    @Test("a worker with concurrency 2 takes two requests, spread with the others")
    func concurrencySlots() {
        var broker = BrokerHarness()
        broker.ready("a", "echo", capacity: 2)
        broker.ready("b", "echo", capacity: 1)
        for index in 0..<4 { broker.request("c", "echo", id: "r\(index)") }
        #expect(BrokerHarness.dispatches(broker.sent()).map(\.worker) == ["a", "b", "a"])
        let row = broker.state.listing().services[0]
        #expect(row.capacity == 3 && row.idle_slots == 0 && row.in_flight == 3 && row.queue_depth == 1)
    }

    @Test("a reply reaches the client and frees the slot for the next request")
    func replyForwarded() throws {
        var broker = BrokerHarness()
        broker.ready("w", "echo")
        broker.request("c", "echo", id: "r1")
        broker.request("c", "echo", id: "r2")
        let dispatch = try #require(BrokerHarness.dispatches(broker.sent()).first)
        broker.reply("w", to: dispatch.message, id: "r1")
        let out = broker.sent()
        #expect(BrokerHarness.replies(out).map(\.id) == ["r1"])
        #expect(BrokerHarness.dispatches(out).count == 1)
        #expect(broker.state.listing().services[0].served == 1)
    }

    @Test("a dead worker's request is answered UNAVAILABLE; an idempotent one goes to another worker")
    func deadWorker() {
        var broker = BrokerHarness(heartbeatMs: 100, liveness: 3)
        broker.ready("w1", "echo")
        broker.request("c", "echo", id: "plain")
        broker.ready("w2", "echo")
        broker.request("c", "echo", id: "retry", idempotent: true)
        _ = broker.sent()
        // w2 keeps heartbeating, w1 falls silent.
        for _ in 0..<4 {
            broker.state.receive([BrokerHarness.peer("w2"), [], MDP.workerHeader, [4]], now: broker.now)
            broker.advance(100)
        }
        let out = broker.sent()
        let replies = BrokerHarness.replies(out)
        #expect(replies.contains { $0.id == "plain" && $0.code == .unavailable })
        #expect(!replies.contains { $0.id == "retry" })
        #expect(broker.state.listing().services[0].workers == 1)
        // "retry" was on w2 already or is re-dispatched there once w2 is free.
        #expect(broker.state.inFlight.values.contains { $0.request.requestID == "retry" })
    }

    @Test("idempotent work of a dead worker is re-dispatched to a live one")
    func redispatch() {
        var broker = BrokerHarness(heartbeatMs: 100, liveness: 3)
        broker.ready("w1", "echo")
        broker.request("c", "echo", id: "retry", idempotent: true)
        #expect(BrokerHarness.dispatches(broker.sent()).map(\.worker) == ["w1"])
        broker.ready("w2", "echo")
        for _ in 0..<4 {
            broker.state.receive([BrokerHarness.peer("w2"), [], MDP.workerHeader, [4]], now: broker.now)
            broker.advance(100)
        }
        #expect(BrokerHarness.dispatches(broker.sent()).map(\.worker) == ["w2"])
    }

    @Test("a request for a service without workers fails UNAVAILABLE at its deadline")
    func noWorker() {
        var broker = BrokerHarness()
        broker.request("c", "nobody", id: "r1", deadlineMs: 200)
        broker.advance(150)
        #expect(BrokerHarness.replies(broker.sent()).isEmpty)
        broker.advance(60)
        let replies = BrokerHarness.replies(broker.sent())
        #expect(replies.count == 1 && replies[0].id == "r1" && replies[0].code == .unavailable)
    }

    @Test("a queued request whose deadline passes is dropped and answered DEADLINE_EXCEEDED")
    func queuedExpiry() throws {
        var broker = BrokerHarness(heartbeatMs: 10_000)
        broker.ready("w", "echo")
        broker.request("c", "echo", id: "busy", deadlineMs: 5000)
        broker.request("c", "echo", id: "late", deadlineMs: 100)
        let dispatch = try #require(BrokerHarness.dispatches(broker.sent()).first)
        broker.advance(120)
        #expect(BrokerHarness.replies(broker.sent()).map { $0.code } == [.deadlineExceeded])
        broker.reply("w", to: dispatch.message, id: "busy")
        // The expired request is never handed to the worker.
        #expect(BrokerHarness.dispatches(broker.sent()).isEmpty)
    }

    @Test("a request waiting in the queue reaches the worker with the budget it has left")
    func remainingBudget() throws {
        var broker = BrokerHarness(heartbeatMs: 10_000)
        broker.ready("w", "echo")
        broker.request("c", "echo", id: "first", deadlineMs: 5000)
        broker.request("c", "echo", id: "second", deadlineMs: 1000)
        let first = try #require(BrokerHarness.dispatches(broker.sent()).first)
        broker.now += 300
        broker.reply("w", to: first.message, id: "first")
        let second = try #require(BrokerHarness.dispatches(broker.sent()).first)
        let header = try RequestHeader(wireBytes: second.message[7])
        // 1000 ms, less the 50 ms kept for the reply's way back, less 300 ms in the queue.
        #expect(header.request_id == "second" && header.deadline_ms == 650)
    }

    @Test("a full queue refuses with RESOURCE_EXHAUSTED")
    func queueBound() {
        var broker = BrokerHarness(maxQueue: 2)
        for index in 0..<3 { broker.request("c", "echo", id: "r\(index)") }
        let replies = BrokerHarness.replies(broker.sent())
        #expect(replies.count == 1 && replies[0].id == "r2" && replies[0].code == .resourceExhausted)
    }

    @Test("mmi.service answers 200 with a worker, 404 without, 501 for unknown mmi")
    func discovery() {
        var broker = BrokerHarness()
        broker.ready("w", "echo")
        _ = broker.sent()
        for (service, body) in [("mmi.service", "echo"), ("mmi.service", "nope"), ("mmi.other", "x")] {
            broker.state.receive(
                [BrokerHarness.peer("c"), [], MDP.clientHeader, Array(service.utf8), Array(body.utf8)], now: broker.now)
        }
        #expect(broker.sent().map { String(decoding: $0[4], as: UTF8.self) } == ["200", "404", "501"])
    }

    @Test("a heartbeat from an unknown worker (after a broker restart) is told to register again")
    func unknownWorker() {
        var broker = BrokerHarness()
        broker.state.receive([BrokerHarness.peer("ghost"), [], MDP.workerHeader, [4]], now: broker.now)
        #expect(broker.sent() == [[BrokerHarness.peer("ghost"), [], MDP.workerHeader, [5]]])
    }

    @Test("a retiring worker gets no new work but its reply still reaches the client")
    func retire() throws {
        var broker = BrokerHarness()
        broker.ready("w1", "echo")
        broker.request("c", "echo", id: "r1")
        let dispatch = try #require(BrokerHarness.dispatches(broker.sent()).first)
        broker.state.receive([BrokerHarness.peer("w1"), [], MDP.workerHeader, [5]], now: broker.now)
        broker.request("c", "echo", id: "r2")
        #expect(BrokerHarness.dispatches(broker.sent()).isEmpty)
        broker.reply("w1", to: dispatch.message, id: "r1")
        #expect(BrokerHarness.replies(broker.sent()).map(\.id) == ["r1"])
        #expect(broker.state.workers.isEmpty)
    }

    @Test(
        "invalid frames are rejected with a reason",
        arguments: [
            ([Array("x".utf8)], MDPError.missingDelimiter),
            ([[], Array("MDPX01".utf8)], .unknownProtocol),
            ([[], MDP.clientHeader], .missingFrames("service")),
            ([[], MDP.workerHeader, [1], Array("bad name".utf8)], .invalidServiceName),
            ([[], MDP.workerHeader, [1], Array("café".utf8)], .invalidServiceName),
            ([[], MDP.workerHeader, [1], [0x66, 0xFF]], .invalidServiceName),
            ([[], MDP.workerHeader, [1], []], .invalidServiceName),
            ([[], MDP.workerHeader, [1], Array(repeating: UInt8(ascii: "a"), count: 129)], .invalidServiceName),
            ([[], MDP.workerHeader, [9]], .unknownCommand(9)),
            ([[], MDP.workerHeader, [3], [1, 2]], .missingFrames("reply envelope")),
        ] as [(Multipart, MDPError)])
    func invalidFrames(frames: Multipart, error: MDPError) {
        #expect(throws: error) { try BrokerInbound(frames: frames[...]) }
    }

    @Test(
        "a client request with a refused name or no body is parsed as refused, to be answered",
        arguments: [
            ([[], MDP.clientHeader, Array("echo".utf8)], MDPError.missingFrames("request body")),
            ([[], MDP.clientHeader, Array("bad name".utf8), [1]], .invalidServiceName),
            ([[], MDP.clientHeader, [0x66, 0xFF], [1]], .invalidServiceName),
        ] as [(Multipart, MDPError)])
    func refusedRequests(frames: Multipart, error: MDPError) throws {
        let inbound = try BrokerInbound(frames: frames[...])
        #expect(inbound == .refusedRequest(service: frames[2], body: Array(frames.dropFirst(3)), reason: error))
    }
}

import Testing
import Wire
import ZeroMQ

@testable import Bus

/// Requests the broker answers itself: refused headers and names, late replies.
@Suite("Broker answers every request")
struct BrokerAnswerTests {
    @Test("a request whose header does not decode is answered INVALID_ARGUMENT and never reaches a worker")
    func malformedHeader() throws {
        var broker = BrokerHarness()
        broker.ready("w", "echo")
        _ = broker.sent()
        let badHeader: [UInt8] = [0xFF, 0xFF, 0xFF]
        broker.state.receive(
            [BrokerHarness.peer("c"), [], MDP.clientHeader, Array("echo".utf8), Array("Work".utf8), badHeader, []],
            now: broker.now)
        let out = broker.sent()
        #expect(BrokerHarness.dispatches(out).isEmpty)
        let header = try ReplyHeader(wireBytes: try #require(out.first)[4])
        #expect(header.code == .invalidArgument)
        #expect(header.message?.hasPrefix("header: ") == true)
        #expect(header.request_id == nil)
    }

    @Test("a header whose request id holds a NUL is refused, not cut at the NUL")
    func nulInHeader() throws {
        var broker = BrokerHarness()
        broker.ready("w", "echo")
        _ = broker.sent()
        let header: [UInt8] = [0x0A, 5] + Array("ab".utf8) + [0] + Array("cd".utf8)
        broker.state.receive(
            [BrokerHarness.peer("c"), [], MDP.clientHeader, Array("echo".utf8), Array("Work".utf8), header, []],
            now: broker.now)
        let out = broker.sent()
        #expect(BrokerHarness.dispatches(out).isEmpty)
        let reply = try ReplyHeader(wireBytes: try #require(out.first)[4])
        #expect(reply.code == .invalidArgument)
        #expect(reply.message == "header: field 'request_id': contains a NUL character")
    }

    @Test("a header with more metadata entries than the cap is refused naming the field and the cap")
    func metadataCap() throws {
        var broker = BrokerHarness()
        let entries = (0...WireCodec.maxRequestItems).map { MetadataEntry(key: "k\($0)", value: "v") }
        let header = try RequestHeader(request_id: "r1", metadata: entries).packed()
        broker.state.receive(
            [BrokerHarness.peer("c"), [], MDP.clientHeader, Array("echo".utf8), Array("Work".utf8), header, []],
            now: broker.now)
        let reply = try ReplyHeader(wireBytes: try #require(broker.sent().first)[4])
        #expect(reply.code == .invalidArgument)
        #expect(reply.message == "header: field 'metadata': at most 1000 items, got 1001")
    }

    @Test("the broker's own service refuses a header that does not decode")
    func malformedHeaderToBus() throws {
        var broker = BrokerHarness()
        broker.state.receive(
            [
                BrokerHarness.peer("c"), [], MDP.clientHeader, Array("bus".utf8), Array("Health".utf8), [0xFF, 0x01],
                [],
            ],
            now: broker.now)
        let header = try ReplyHeader(wireBytes: try #require(broker.sent().first)[4])
        #expect(header.code == .invalidArgument && header.message?.hasPrefix("header: ") == true)
    }

    @Test("a reply that arrives after the deadline reaches the caller as DEADLINE_EXCEEDED, not OK")
    func lateReply() throws {
        // Heartbeats far apart: no tick runs between the deadline and the reply.
        var broker = BrokerHarness(heartbeatMs: 10_000)
        broker.ready("w", "echo")
        broker.request("c", "echo", id: "late", deadlineMs: 5)
        let dispatch = try #require(BrokerHarness.dispatches(broker.sent()).first)
        broker.now += 6
        broker.reply("w", to: dispatch.message, id: "late")
        let replies = BrokerHarness.replies(broker.sent())
        #expect(replies.map(\.code) == [.deadlineExceeded])
        #expect(replies.map(\.id) == ["late"])
        #expect(broker.state.listing().services[0].served == 0)
        // The worker's slot is free again.
        broker.request("c", "echo", id: "next", deadlineMs: 1000)
        #expect(BrokerHarness.dispatches(broker.sent()).count == 1)
    }

    @Test("service names RFC 7 allows are routed", arguments: ["orders/v1", "billing:v2", "a+b@c", "~x!"])
    func rfc7Names(name: String) {
        var broker = BrokerHarness()
        broker.ready("w", name)
        broker.request("c", name, id: "r1")
        #expect(BrokerHarness.dispatches(broker.sent()).map(\.worker) == ["w"])
    }

    @Test(
        "a request for a refused service name is answered INVALID_ARGUMENT naming the rule",
        arguments: [
            Array("bad name".utf8), Array("café".utf8), [0x66, 0x00, 0x67], [], Array(repeating: 0x61, count: 129),
        ]
    )
    func refusedName(service: [UInt8]) throws {
        var broker = BrokerHarness()
        let header = try RequestHeader(request_id: "r1", deadline_ms: 1000).wireBytes()
        broker.state.receive(
            [BrokerHarness.peer("c"), [], MDP.clientHeader, service, Array("Work".utf8), header, []], now: broker.now)
        let out = broker.sent()
        #expect(out.count == 1)
        let reply = try #require(out.first)
        #expect(reply[0] == BrokerHarness.peer("c") && reply[2] == MDP.clientHeader && reply[3] == service)
        let replyHeader = try ReplyHeader(wireBytes: reply[4])
        #expect(replyHeader.code == .invalidArgument && replyHeader.request_id == "r1")
        #expect(replyHeader.message?.hasPrefix("service: must be 1 to 128 visible ASCII characters") == true)
    }

    @Test("a request without a body is answered INVALID_ARGUMENT")
    func missingBody() throws {
        var broker = BrokerHarness()
        broker.state.receive([BrokerHarness.peer("c"), [], MDP.clientHeader, Array("echo".utf8)], now: broker.now)
        let header = try ReplyHeader(wireBytes: try #require(broker.sent().first)[4])
        #expect(header.code == .invalidArgument && header.message == "request body: is missing")
    }

    @Test("a READY for a refused service name is answered DISCONNECT")
    func refusedReady() {
        var broker = BrokerHarness()
        broker.ready("w", "bad name")
        #expect(broker.sent() == [[BrokerHarness.peer("w"), [], MDP.workerHeader, [5]]])
        #expect(broker.state.workers.isEmpty)
    }

    @Test("a stock worker (READY without concurrency) may stay silent for 7.5 s, a Glimlach worker for 3 s")
    func stockWorkerSilence() {
        var broker = BrokerHarness()
        broker.state.receive(
            [BrokerHarness.peer("stock"), [], MDP.workerHeader, [1], Array("echo".utf8)], now: broker.now)
        broker.ready("glimlach", "echo")
        for _ in 0..<7 { broker.advance(1000) }
        // 7 s of silence: the Glimlach worker is gone, the stock worker is not.
        #expect(Set(broker.state.workers.keys) == [BrokerHarness.peer("stock")])
        broker.advance(1000)
        #expect(broker.state.workers.isEmpty)
    }
}

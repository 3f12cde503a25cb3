import TestSupport
import Bus
import CZeroMQ
import Foundation
import GlimlachProto
import Testing

/// A peer written against plain libzmq, not the Swift client: DEALER frames by
/// hand, exactly as the ZeroMQ Guide's MDP clients and workers send them.
private final class RawPeer {
    let context = zmq_ctx_new()!
    let socket: UnsafeMutableRawPointer

    init(_ endpoint: String) {
        socket = zmq_socket(context, ZMQ_DEALER)!
        var linger: Int32 = 0
        zmq_setsockopt(socket, ZMQ_LINGER, &linger, 4)
        var timeout: Int32 = 3000
        zmq_setsockopt(socket, ZMQ_RCVTIMEO, &timeout, 4)
        zmq_connect(socket, endpoint)
    }

    func send(_ frames: [[UInt8]]) {
        for (index, frame) in frames.enumerated() {
            _ = frame.withUnsafeBytes {
                zmq_send(socket, $0.baseAddress, $0.count, index < frames.count - 1 ? ZMQ_SNDMORE : 0)
            }
        }
    }

    /// One whole message, or nil after the receive timeout.
    func receive() -> [[UInt8]]? {
        var frames: [[UInt8]] = []
        repeat {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            guard zmq_msg_recv(&message, socket, 0) >= 0 else { return nil }
            frames.append(Array(UnsafeRawBufferPointer(start: zmq_msg_data(&message), count: zmq_msg_size(&message))))
            if zmq_msg_more(&message) == 0 { return frames }
        } while true
    }

    deinit {
        zmq_close(socket)
        zmq_ctx_term(context)
    }
}

@Suite("Interoperability and garbage", .serialized)
struct RawMDPTests {
    @Test("a raw MDP v0.1 client calls a service's Health and decodes the protobuf reply with protobuf-c")
    func rawClient() async throws {
        let bus = try await ProcessBus()
        try await bus.startWorker("interop")
        let peer = RawPeer(bus.endpoint)
        // "" "MDPC01" service method header payload: empty header and payload are valid protobuf.
        peer.send([[], Array("MDPC01".utf8), Array("interop".utf8), Array("Health".utf8), [], []])
        let frames = try #require(peer.receive())
        #expect(frames.count == 5)
        #expect(frames[0].isEmpty && frames[1] == Array("MDPC01".utf8) && frames[2] == Array("interop".utf8))
        let status = try #require(
            frames[3].withUnsafeBufferPointer { glimlach__reply_header__unpack(nil, $0.count, $0.baseAddress) })
        defer { glimlach__reply_header__free_unpacked(status, nil) }
        #expect(status.pointee.has_code == 0 || status.pointee.code == GLIMLACH__STATUS_CODE__STATUS_OK)
        // The request had no id, so the reply has none (no stand-in such as "-").
        #expect(status.pointee.request_id == nil)
        let health = try #require(
            frames[4].withUnsafeBufferPointer { glimlach__health_reply__unpack(nil, $0.count, $0.baseAddress) })
        defer { glimlach__health_reply__free_unpacked(health, nil) }
        #expect(String(cString: health.pointee.service) == "interop")
        #expect(health.pointee.status == GLIMLACH__SERVING_STATUS__SERVING_STATUS_SERVING)
        await bus.shutdown()
    }

    @Test("a raw MDP v0.1 worker (no concurrency frame) serves the Swift client")
    func rawWorker() async throws {
        let bus = try await InProcessBus()
        let worker = RawPeer(bus.endpoints.requests)
        worker.send([[], Array("MDPW01".utf8), [0x01], Array("stock".utf8)])
        try await waitUntil("the stock worker is registered") { try await bus.client().hasWorkers(service: "stock") }
        let client = bus.client()
        async let reply = client.call(Method<HealthRequest, HealthReply>.health("stock"), HealthRequest())
        var request: [[UInt8]]?
        while request == nil || request![2] != [0x02] { request = worker.receive() }
        // "" MDPW01 0x02 address "" method header payload -> reply with the same address.
        let answer = try HealthReply(service: "stock", status: .serving).wireBytes()
        let requestHeader = try RequestHeader(wireBytes: request![6])
        let ok = try ReplyHeader(request_id: requestHeader.request_id, code: .ok).wireBytes()
        worker.send([[], Array("MDPW01".utf8), [0x03], request![3], [], ok, answer])
        #expect(try await reply.service == "stock")
        await bus.shutdown()
    }

    @Test("garbage from one peer does not disturb other clients")
    func garbage() async throws {
        let bus = try await InProcessBus { $0.maxMessageBytes = 64 * 1024 }
        try await bus.worker(pidRouter(), concurrency: 4)
        let client = bus.client()
        let garbage: [[[UInt8]]] = [
            [(0..<64).map { _ in UInt8.random(in: 0...255) }],  // random bytes
            [[], Array("MDPX01".utf8), Array("work".utf8), [1]],  // wrong protocol header
            [[], Array("MDPC01".utf8)],  // missing frames
            [[], Array("MDPC01".utf8), Array("work".utf8)],  // no body
            [[], Array("MDPW01".utf8), [0x03], [1, 2, 3]],  // reply from a stranger
            [[], Array("MDPW01".utf8), [0x09]],  // unknown command
            [[], Array("MDPC01".utf8), Array("work".utf8), Array("Health".utf8), [0xFF, 0xFF, 0xFF], []],  // bad header
            [[], Array("MDPC01".utf8), Array("work".utf8), [UInt8](repeating: 7, count: 200 * 1024)],  // oversized
        ]
        let attackers = garbage.map { _ in RawPeer(bus.endpoints.requests) }
        async let calls = withThrowingTaskGroup(of: HealthReply.self) { group in
            for _ in 0..<100 {
                group.addTask { try await client.call(.health("work"), HealthRequest()) }
            }
            return try await group.reduce(0) { count, _ in count + 1 }
        }
        for (peer, frames) in zip(attackers, garbage) { peer.send(frames) }
        #expect(try await calls == 100)
        #expect(try await client.call(.health("work"), HealthRequest()).service == "work")
        #expect(try await bus.listing()["work"]?.workers == 1)
        await bus.shutdown()
    }
}

private func pidRouter() -> ServiceRouter {
    var router = ServiceRouter(service: "work")
    router.register(.health("work")) { _, _ in HealthReply(service: "work", status: .serving) }
    return router
}

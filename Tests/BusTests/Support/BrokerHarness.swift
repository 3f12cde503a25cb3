import Logging
import Wire
import ZeroMQ

@testable import Bus

/// Drives a `BrokerState` by hand: peers are short names, time is explicit.
struct BrokerHarness {
    var state: BrokerState
    var now: Int64 = 1_000

    init(heartbeatMs: Int64 = 1000, liveness: Int64 = 3, maxQueue: Int = 10_000) {
        var configuration = BrokerConfiguration()
        configuration.heartbeatIntervalMs = heartbeatMs
        configuration.liveness = liveness
        configuration.maxQueuePerService = maxQueue
        state = BrokerState(configuration: configuration, logger: Logger(label: "test"), now: now)
    }

    static func peer(_ name: String) -> [UInt8] { Array(name.utf8) }

    mutating func ready(_ worker: String, _ service: String, capacity: Int = 1) {
        state.receive(
            [Self.peer(worker), [], MDP.workerHeader, [1], Array(service.utf8), Array(String(capacity).utf8)], now: now)
    }

    mutating func request(
        _ client: String, _ service: String, id: String, deadlineMs: UInt32 = 1000, idempotent: Bool = false
    ) {
        let header = try! RequestHeader(request_id: id, deadline_ms: deadlineMs, idempotent: idempotent).wireBytes()
        state.receive(
            [Self.peer(client), [], MDP.clientHeader, Array(service.utf8), Array("Work".utf8), header, []], now: now)
    }

    /// The worker answers the request it was handed in `dispatch`.
    mutating func reply(_ worker: String, to dispatch: Multipart, id: String) {
        let header = try! ReplyHeader(request_id: id, code: .ok).wireBytes()
        state.receive(
            [Self.peer(worker), [], MDP.workerHeader, [3], dispatch[4], [], header, Array("done".utf8)], now: now)
    }

    mutating func advance(_ milliseconds: Int64) {
        now += milliseconds
        state.tick(now: now)
    }

    mutating func sent() -> [Multipart] { state.takeOutbox() }

    /// REQUEST messages in the outbox, by worker name.
    static func dispatches(_ messages: [Multipart]) -> [(worker: String, message: Multipart)] {
        messages.filter { $0.count > 3 && $0[2] == MDP.workerHeader && $0[3] == [2] }
            .map { (String(decoding: $0[0], as: UTF8.self), $0) }
    }

    /// Replies to clients: (client, request id, status).
    static func replies(_ messages: [Multipart]) -> [(client: String, id: String?, code: StatusCode?)] {
        messages.filter { $0.count >= 5 && $0[2] == MDP.clientHeader }.map {
            let header = try? ReplyHeader(wireBytes: $0[4])
            return (String(decoding: $0[0], as: UTF8.self), header?.request_id, header?.code)
        }
    }
}

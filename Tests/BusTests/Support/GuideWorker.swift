import Bus
import Glibc
import Synchronization
import ZeroMQ

/// A worker that behaves as the ZeroMQ Guide's `mdwrkapi` (heartbeat 2.5 s,
/// liveness 3) over a plain DEALER: READY without a concurrency frame, a heartbeat
/// only between requests, nothing at all while the application computes, and a
/// fresh socket and READY when the broker falls silent or says DISCONNECT. Its
/// application answers every request after `busyMs` with an OK reply.
final class GuideWorker: Sendable {
    static let heartbeatMs: Int64 = 2500
    static let liveness = 3

    /// READY messages sent (1 while the broker never dropped it).
    var registrations: Int { counter.load(ordering: .relaxed) }

    private let counter = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let wakeup = Wakeup()
    private let thread: SendableBox<LoopThread?> = SendableBox(nil)

    init(endpoint: String, service: String, busyMs: Int64) {
        let loop = LoopThread(name: "guide-worker") { [self] in
            run(endpoint: endpoint, service: service, busyMs: busyMs)
        }
        thread.withLock { $0 = loop }
    }

    func stop() async {
        stopping.store(true, ordering: .relaxed)
        wakeup.signal()
        await thread.withLock { $0 }?.join()
    }

    private func run(endpoint: String, service: String, busyMs: Int64) {
        let context = ZMQContext()
        defer { context.terminate() }
        while !stopping.load(ordering: .relaxed) {
            guard let socket = try? ZMQSocket(context, type: .dealer) else { return }
            try? socket.set(.linger, 0)
            try? socket.connect(endpoint)
            try? socket.send([[], MDP.workerHeader, MDP.Command.ready.frame, Array(service.utf8)])
            counter.add(1, ordering: .relaxed)
            serve(socket, busyMs: busyMs)
            socket.close()
        }
    }

    /// mdwrkapi's receive loop; returns to reconnect or stop.
    private func serve(_ socket: ZMQSocket, busyMs: Int64) {
        var poller = Poller(sockets: [socket], wakeup: wakeup)
        var liveness = Self.liveness
        var heartbeatAt = monotonicMilliseconds() + Self.heartbeatMs
        while !stopping.load(ordering: .relaxed) {
            guard let ready = try? poller.wait(timeoutMs: Int(Self.heartbeatMs)) else { return }
            if ready.woken { return }
            if !ready.sockets.isEmpty {
                while let frames = try? socket.receive() {
                    liveness = Self.liveness
                    guard frames.count >= 3, frames[1] == MDP.workerHeader else { continue }
                    switch frames[2] {
                    case MDP.Command.request.frame where frames.count >= 7:
                        // The application computes; the MDP layer sends nothing meanwhile.
                        usleep(useconds_t(busyMs * 1000))
                        let requestID = (try? RequestHeader(packed: frames[6]))?.request_id
                        let header = (try? ReplyHeader(request_id: requestID, code: .ok).packed()) ?? []
                        let payload = (try? HealthReply(service: "guide", status: .serving).wireBytes()) ?? []
                        let envelope = [[], MDP.workerHeader, MDP.Command.reply.frame, frames[3], []]
                        try? socket.send(envelope + [header, payload])
                    case MDP.Command.disconnect.frame:
                        return
                    default:
                        break
                    }
                }
            } else {
                liveness -= 1
                if liveness == 0 { return }
            }
            if monotonicMilliseconds() > heartbeatAt {
                try? socket.send([[], MDP.workerHeader, MDP.Command.heartbeat.frame])
                heartbeatAt = monotonicMilliseconds() + Self.heartbeatMs
            }
        }
    }
}

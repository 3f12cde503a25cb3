import RPC
import Synchronization
import ZeroMQ

/// The client's thread: sends the requests queued while the lock was busy, takes
/// replies when the socket signals, fails the calls of a broken connection, and
/// expires deadlines. It waits on the socket's `ZMQ_FD` outside the lock, so
/// calling tasks can send meanwhile.
struct ClientLoop {
    let client: BusClient
    /// The socket's `ZMQ_FD`, or nil when there is no socket.
    let descriptor: Int32?
    /// Where the socket's connection events arrive (`ZMQMonitor`); the loop closes it.
    let monitor: ZMQSocket?

    func run() {
        defer { monitor?.close() }
        // Both by their ZMQ_FD: zmq_poll over plain descriptors is one poll(2), while a
        // socket item costs a pass through libzmq on every wake. The monitor is
        // drained whenever its descriptor signals, so its edge is never lost.
        let descriptors = [monitor.flatMap { try? $0.fileDescriptor() }, descriptor].compactMap { $0 }
        let monitored = descriptors.count == 2
        var poller = Poller(sockets: [], descriptors: descriptors, wakeup: client.mailbox.wakeup)
        var handshakeFailed = false
        // The monitor is read on the first pass without waiting: a pipe nobody has
        // read from yet takes messages without signalling the descriptor, and the
        // events already there (a handshake refused before this thread ran) count.
        var firstPass = true
        var stopped = false
        while !stopped {
            let expiry = firstPass ? monotonicMilliseconds() : client.calls.withLock { $0.nextExpiry }
            let timeout = expiry == .max ? -1 : Int(max(0, expiry - monotonicMilliseconds()))
            guard let ready = try? poller.wait(timeoutMs: timeout) else { break }
            let commands = ready.woken ? client.mailbox.takeAll() : []
            var loss: ClientCalls.ConnectionLoss?
            let watched = monitored && (firstPass || ready.sockets.first == 0)
            firstPass = false
            if watched, let monitor { loss = Self.connectionLoss(monitor, handshakeFailed: &handshakeFailed) }
            stopped = client.calls.withLock { calls in
                var stop = false
                for command in commands {
                    switch command {
                    // Sent even behind a stop: closing fails it, so none is left waiting.
                    case .send(let call): _ = calls.send(call)
                    case .stop: stop = true
                    }
                }
                if stop { return true }
                // Whatever woke the loop, a task's send may have taken the edge: always look.
                calls.receiveAll()
                if watched { calls.handshake(refused: handshakeFailed) }
                if let loss { calls.connectionLost(loss, now: monotonicMilliseconds()) }
                calls.sendUnsent(now: monotonicMilliseconds())
                calls.expire(now: monotonicMilliseconds())
                return false
            }
        }
        let closed = RPCError(.unavailable, "the bus client was closed")
        client.calls.withLock { $0.close(closed) }
        for case .send(let call) in client.mailbox.close() { call.continuation.resume(throwing: closed) }
    }

    /// Takes every waiting monitor event: how the connection was lost, if it was.
    private static func connectionLoss(_ monitor: ZMQSocket, handshakeFailed: inout Bool) -> ClientCalls.ConnectionLoss?
    {
        var loss: ClientCalls.ConnectionLoss?
        while let frames = try? monitor.receive() {
            guard let event = ZMQMonitor.event(frames) else { continue }
            if !event.isDisjoint(with: .handshakeFailed) {
                handshakeFailed = true
                loss = .refused
            } else if event.contains(.handshakeSucceeded) {
                handshakeFailed = false
            } else if event.contains(.disconnected) {
                loss = handshakeFailed ? .refused : .broken
            }
        }
        return loss
    }
}

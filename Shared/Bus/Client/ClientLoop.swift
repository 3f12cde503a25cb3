import Synchronization
import ZeroMQ

/// The client's thread: sends the requests queued while the lock was busy, takes
/// replies when the socket signals, and expires deadlines. It waits on the socket's
/// `ZMQ_FD` outside the lock, so calling tasks can send meanwhile.
struct ClientLoop {
    let client: BusClient
    /// The socket's `ZMQ_FD`, or nil when there is no socket.
    let descriptor: Int32?

    func run() {
        var poller = descriptor.map { Poller(descriptor: $0, wakeup: client.mailbox.wakeup) }
            ?? Poller(sockets: [], wakeup: client.mailbox.wakeup)
        var stopped = false
        while !stopped {
            let expiry = client.calls.withLock { $0.nextExpiry }
            let timeout = expiry == .max ? -1 : Int(max(0, expiry - monotonicMilliseconds()))
            guard let ready = try? poller.wait(timeoutMs: timeout) else { break }
            let commands = ready.woken ? client.mailbox.takeAll() : []
            stopped = client.calls.withLock { calls in
                for command in commands {
                    switch command {
                    case .send(let call): _ = calls.send(call)
                    case .stop: return true
                    }
                }
                // Whatever woke the loop, a task's send may have taken the edge: always look.
                calls.receiveAll()
                calls.expire(now: monotonicMilliseconds())
                return false
            }
        }
        let closed = RPCError(.unavailable, "the bus client was closed")
        client.calls.withLock { $0.close(closed) }
        for case .send(let call) in client.mailbox.close() { call.continuation.resume(throwing: closed) }
    }
}

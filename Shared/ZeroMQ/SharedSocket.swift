import CZeroMQ
import Synchronization

/// A socket that tasks on any thread send on while one loop thread receives from
/// it, so a reply leaves from the task that made it instead of waking the loop's
/// thread to send it (one thread hop less per message).
///
/// libzmq sockets are not thread-safe, but may move between threads behind a full
/// memory barrier: every use of this one happens under its lock. The loop never
/// waits inside libzmq with the lock held; it polls the socket's `ZMQ_FD` (see
/// `Poller`), which libzmq signals edge-triggered when the socket may have work.
/// Any send may consume that edge, so a send that leaves messages waiting wakes
/// the loop through its `Wakeup`. A task never waits for the lock: when another
/// thread holds it, the message goes to an outbox that the loop sends on its next
/// turn, so under load the loop sends in batches and nobody spins.
public final class SharedSocket: Sendable {
    private let socket: Mutex<ZMQSocket?>
    private let outbox = Mutex<[Multipart]>([])
    private let wakeup: Wakeup
    /// The socket's `ZMQ_FD`, for the loop's poll.
    let fd: Int32

    /// Takes over `socket`; its loop polls `wakeup` beside this socket.
    /// - Throws: `ZMQError` when libzmq cannot give the socket's descriptor (ETERM).
    public init(_ socket: consuming sending ZMQSocket, wakeup: Wakeup) throws {
        fd = try socket.fileDescriptor()
        self.wakeup = wakeup
        self.socket = Mutex(socket)
    }

    /// Sends all frames as one message without blocking (as `ZMQSocket.send`), now
    /// if the socket is free, else on the loop's next `exchange()`.
    /// - Returns: false when the high-water mark is reached or the socket is closed.
    /// - Throws: `ZMQError`, as `ZMQSocket.send`.
    @discardableResult
    public func send(_ frames: Multipart) throws -> Bool {
        let sent = try socket.withLockIfAvailable { socket throws -> Bool in
            guard let socket else { return false }
            // Even a failed send may have taken the edge.
            defer { if socket.hasInput { wakeup.signal() } }
            return try socket.send(frames)
        }
        if let sent { return sent }
        let wasEmpty = outbox.withLock { outbox in
            defer { outbox.append(frames) }
            return outbox.isEmpty
        }
        if wasEmpty { wakeup.signal() }
        return true
    }

    /// What one `exchange()` did.
    public struct Exchange {
        /// Every message that was waiting.
        public var received: [Multipart] = []
        /// Outbox messages libzmq refused, and the first error (a failed receive
        /// ends the exchange with what came before it).
        public var unsent = 0
        public var error: (any Error)?
    }

    /// On the loop's thread: sends what tasks left in the outbox, then takes every
    /// waiting message, all under one lock.
    public func exchange() -> Exchange {
        socket.withLock { socket in
            var exchange = Exchange()
            guard let socket else { return exchange }
            flushOutbox(on: socket, into: &exchange)
            do {
                while let frames = try socket.receive() { exchange.received.append(frames) }
            } catch {
                exchange.error = exchange.error ?? error
            }
            return exchange
        }
    }

    private func flushOutbox(on socket: ZMQSocket, into exchange: inout Exchange) {
        let queued = outbox.withLock { outbox in
            defer { outbox.removeAll(keepingCapacity: true) }
            return outbox
        }
        for frames in queued {
            do { if try !socket.send(frames) { exchange.unsent += 1 } } catch {
                exchange.unsent += 1
                exchange.error = exchange.error ?? error
            }
        }
    }

    /// Closes the socket; later sends return false. With `lingerMs` above zero the
    /// outbox is sent first and libzmq gets that long to deliver what is queued
    /// (the context's termination waits for it); at zero both are dropped.
    public func close(lingerMs: Int32 = 0) {
        socket.withLock { socket in
            if let open = socket, lingerMs > 0 {
                var ignored = Exchange()
                flushOutbox(on: open, into: &ignored)
                try? open.set(.linger, lingerMs)
            }
            socket?.close()
            socket = nil
        }
        outbox.withLock { $0.removeAll() }
    }
}

extension ZMQSocket {
    /// `ZMQ_FD`: an edge-triggered descriptor that becomes readable when the socket
    /// may be readable or writable (check with `hasInput`).
    /// - Throws: `ZMQError` (ETERM, ENOTSOCK, EINTR).
    public func fileDescriptor() throws -> Int32 {
        var fd: Int32 = -1
        var size = MemoryLayout<Int32>.size
        guard zmq_getsockopt(handle, ZMQ_FD, &fd, &size) == 0 else { throw ZMQError("zmq_getsockopt(ZMQ_FD)") }
        return fd
    }

    /// Whether a message is waiting (`ZMQ_EVENTS` has `ZMQ_POLLIN`); also resets the
    /// edge of `ZMQ_FD` so that the next arrival signals it again.
    public var hasInput: Bool {
        var events: Int32 = 0
        var size = MemoryLayout<Int32>.size
        // zmq_getsockopt fails only with ETERM/ENOTSOCK/EINTR: the loop's next
        // receive reports those.
        guard zmq_getsockopt(handle, ZMQ_EVENTS, &events, &size) == 0 else { return false }
        return events & Int32(ZMQ_POLLIN) != 0
    }
}

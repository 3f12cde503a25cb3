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
/// the loop through its `Wakeup`.
public final class SharedSocket: Sendable {
    private let socket: Mutex<ZMQSocket?>
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

    /// Sends all frames as one message without blocking (as `ZMQSocket.send`).
    /// - Returns: false when the high-water mark is reached or the socket is closed.
    /// - Throws: `ZMQError`, as `ZMQSocket.send`.
    @discardableResult
    public func send(_ frames: Multipart) throws -> Bool {
        try socket.withLock { socket in
            guard let socket else { return false }
            let sent = try socket.send(frames)
            if socket.hasInput { wakeup.signal() }
            return sent
        }
    }

    /// Receives one whole message if one is waiting (on the loop's thread).
    /// - Throws: `ZMQError`, as `ZMQSocket.receive`.
    public func receive() throws -> Multipart? {
        try socket.withLock { socket in try socket?.receive() }
    }

    /// Closes the socket; later sends return false.
    public func close() {
        socket.withLock { socket in
            socket?.close()
            socket = nil
        }
    }
}

extension ZMQSocket {
    /// `ZMQ_FD`: an edge-triggered descriptor that becomes readable when the socket
    /// may be readable or writable (check with `hasInput`).
    /// - Throws: `ZMQError` (ETERM, ENOTSOCK, EINTR).
    func fileDescriptor() throws -> Int32 {
        var fd: Int32 = -1
        var size = MemoryLayout<Int32>.size
        guard zmq_getsockopt(handle, ZMQ_FD, &fd, &size) == 0 else { throw ZMQError("zmq_getsockopt(ZMQ_FD)") }
        return fd
    }

    /// Whether a message is waiting (`ZMQ_EVENTS` has `ZMQ_POLLIN`); also resets the
    /// edge of `ZMQ_FD` so that the next arrival signals it again.
    var hasInput: Bool {
        var events: Int32 = 0
        var size = MemoryLayout<Int32>.size
        // zmq_getsockopt fails only with ETERM/ENOTSOCK/EINTR: the loop's next
        // receive reports those.
        guard zmq_getsockopt(handle, ZMQ_EVENTS, &events, &size) == 0 else { return false }
        return events & Int32(ZMQ_POLLIN) != 0
    }
}

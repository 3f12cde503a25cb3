import CZeroMQ
import Glibc

/// zmq_poll over a loop's sockets plus its mailbox's wake-up fd; a plain poll(2) when
/// there are only descriptors (zmq_poll makes a non-blocking pass first: one
/// system call more on every wake).
public struct Poller {
    private var items: [zmq_pollitem_t]
    private var descriptorsOnly: [pollfd]?
    private let socketCount: Int

    /// Polls `sockets`, then the `ZMQ_FD` `descriptors` (see `ZMQSocket.fileDescriptor()`)
    /// of sockets that other threads use under a lock, without touching those: a
    /// ready descriptor means "try to receive", which may find nothing.
    public init(sockets: [ZMQSocket], descriptors: [Int32] = [], wakeup: Wakeup) {
        items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        items += descriptors.map { zmq_pollitem_t(socket: nil, fd: $0, events: Int16(ZMQ_POLLIN), revents: 0) }
        items.append(zmq_pollitem_t(socket: nil, fd: wakeup.fd, events: Int16(ZMQ_POLLIN), revents: 0))
        socketCount = sockets.count + descriptors.count
        if sockets.isEmpty { descriptorsOnly = items.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) } }
    }

    /// Polls a shared socket's descriptor (index 0).
    public init(shared socket: SharedSocket, wakeup: Wakeup) {
        self.init(sockets: [], descriptors: [socket.fd], wakeup: wakeup)
    }

    /// What a wait found.
    public struct Ready {
        /// Indexes (into the sockets, then the descriptors, given at init) that have a
        /// message waiting.
        public var sockets: [Int] = []
        /// The mailbox was posted to.
        public var woken = false
    }

    /// Waits until a socket is readable, the mailbox is posted to, or `timeoutMs`
    /// passes (-1: no limit).
    /// - Throws: `ZMQError` (ETERM context terminated, EFAULT); EINTR counts as a timeout.
    public mutating func wait(timeoutMs: Int) throws -> Ready {
        let status: Int32
        if var descriptors = descriptorsOnly {
            status = poll(&descriptors, nfds_t(descriptors.count), Int32(clamping: timeoutMs))
            for index in descriptors.indices { items[index].revents = descriptors[index].revents }
            descriptorsOnly = descriptors
        } else {
            status = zmq_poll(&items, Int32(items.count), timeoutMs)
        }
        var ready = Ready()
        if status < 0 {
            let error = ZMQError("poll")
            if error.code == EINTR { return ready }
            throw error
        }
        guard status > 0 else { return ready }
        for index in 0..<socketCount where items[index].revents & Int16(ZMQ_POLLIN) != 0 {
            ready.sockets.append(index)
        }
        ready.woken = items[socketCount].revents & Int16(ZMQ_POLLIN) != 0
        return ready
    }
}

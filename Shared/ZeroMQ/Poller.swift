import CZeroMQ

/// zmq_poll over a loop's sockets plus its mailbox's wake-up fd.
public struct Poller {
    private var items: [zmq_pollitem_t]
    private let socketCount: Int

    /// Polls `sockets`, then the `ZMQ_FD` `descriptors` (see `ZMQSocket.fileDescriptor()`)
    /// of sockets that other threads use under a lock, without touching those: a
    /// ready descriptor means "try to receive", which may find nothing.
    public init(sockets: [ZMQSocket], descriptors: [Int32] = [], wakeup: Wakeup) {
        items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
        items += descriptors.map { zmq_pollitem_t(socket: nil, fd: $0, events: Int16(ZMQ_POLLIN), revents: 0) }
        items.append(zmq_pollitem_t(socket: nil, fd: wakeup.fd, events: Int16(ZMQ_POLLIN), revents: 0))
        socketCount = sockets.count + descriptors.count
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
        let status = zmq_poll(&items, Int32(items.count), timeoutMs)
        var ready = Ready()
        if status < 0 {
            let error = ZMQError("zmq_poll")
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

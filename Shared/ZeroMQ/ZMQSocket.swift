import CZeroMQ

/// The socket types Glimlach uses.
public enum ZMQSocketType: Int32, Sendable {
    case pair = 0, pub = 1, sub = 2, req = 3, rep = 4, dealer = 5, router = 6, xpub = 9, xsub = 10, stream = 11

    var cValue: Int32 { rawValue }
}

/// One message: its frames in order.
public typealias Multipart = [[UInt8]]

/// A libzmq socket. Not thread-safe: create, use and close it on one thread (the
/// poll loop that owns it). `close()` must be called before the socket is dropped.
public final class ZMQSocket {
    let handle: UnsafeMutableRawPointer
    public let type: ZMQSocketType
    private var closed = false

    /// - Throws: `ZMQError` (EINVAL bad type, EFAULT bad context, EMFILE too many
    ///   sockets, ETERM context terminating).
    public init(_ context: ZMQContext, type: ZMQSocketType) throws {
        guard let handle = zmq_socket(context.handle, type.cValue) else { throw ZMQError("zmq_socket") }
        self.handle = handle
        self.type = type
        try set(.linger, 0)
    }

    deinit {
        assert(closed, "ZMQSocket of type \(type) dropped without close()")
    }

    /// Closes the socket; unsent messages are dropped (linger is zero by default).
    public func close() {
        guard !closed else { return }
        closed = true
        zmq_close(handle)  // only fails with ENOTSOCK
    }

    /// Sets an integer option.
    /// - Throws: `ZMQError` (EINVAL unknown option or bad value, ETERM, ENOTSOCK, EINTR).
    public func set(_ option: ZMQIntOption, _ value: Int32) throws {
        var value = value
        guard zmq_setsockopt(handle, option.cValue, &value, MemoryLayout<Int32>.size) == 0 else {
            throw ZMQError("zmq_setsockopt(\(option))")
        }
    }

    /// Sets the largest message libzmq accepts from a peer (ZMQ_MAXMSGSIZE); a peer
    /// sending a larger one is disconnected. -1: no limit.
    public func setMaxMessageSize(_ bytes: Int64) throws {
        var value = bytes
        guard zmq_setsockopt(handle, ZMQ_MAXMSGSIZE, &value, MemoryLayout<Int64>.size) == 0 else {
            throw ZMQError("zmq_setsockopt(maxMessageSize)")
        }
    }

    /// Sets a binary option (subscription prefixes, routing id).
    public func set(_ option: ZMQBytesOption, _ bytes: [UInt8]) throws {
        let status = bytes.withUnsafeBytes { zmq_setsockopt(handle, option.cValue, $0.baseAddress, $0.count) }
        guard status == 0 else { throw ZMQError("zmq_setsockopt(\(option))") }
    }

    /// - Throws: `ZMQError` (EINVAL bad endpoint, EPROTONOSUPPORT, EADDRINUSE, EADDRNOTAVAIL, ETERM).
    public func bind(_ endpoint: String) throws {
        guard zmq_bind(handle, endpoint) == 0 else { throw ZMQError("zmq_bind(\(endpoint))") }
    }

    /// The endpoint actually bound, e.g. after binding `tcp://127.0.0.1:*`.
    public var lastEndpoint: String {
        var buffer = [UInt8](repeating: 0, count: 256)
        var size = buffer.count
        zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size)
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// - Throws: `ZMQError` (EINVAL bad endpoint, EPROTONOSUPPORT, ETERM).
    public func connect(_ endpoint: String) throws {
        guard zmq_connect(handle, endpoint) == 0 else { throw ZMQError("zmq_connect(\(endpoint))") }
    }

    /// Sends all frames as one message without blocking.
    /// - Returns: false when the high-water mark is reached (EAGAIN) and nothing was sent.
    /// - Throws: `ZMQError` for other failures (EHOSTUNREACH on a mandatory ROUTER,
    ///   ETERM, ENOTSOCK, EFSM on REQ/REP misuse).
    @discardableResult
    public func send(_ frames: Multipart) throws -> Bool {
        for (index, frame) in frames.enumerated() {
            let flags = ZMQ_DONTWAIT | (index < frames.count - 1 ? ZMQ_SNDMORE : 0)
            let status = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
            if status < 0 {
                let error = ZMQError("zmq_send")
                // Only the first frame can hit the high-water mark: libzmq queues
                // multipart messages atomically once their first frame is accepted.
                if error.isWouldBlock && index == 0 { return false }
                throw error
            }
        }
        return true
    }

    /// Receives one whole message if one is waiting.
    /// - Returns: nil when nothing is waiting (EAGAIN).
    /// - Throws: `ZMQError` (ETERM, ENOTSOCK, EINTR, EFSM).
    public func receive() throws -> Multipart? {
        try receive { _ in }
    }

    /// Receives one whole message if one is waiting, showing each frame's
    /// `zmq_msg_t` to `inspect` before it is copied (for its metadata).
    func receive(inspecting inspect: (inout zmq_msg_t) -> Void) throws -> Multipart? {
        var frames: Multipart = []
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        while true {
            if zmq_msg_recv(&message, handle, frames.isEmpty ? ZMQ_DONTWAIT : 0) < 0 {
                let error = ZMQError("zmq_msg_recv")
                if error.isWouldBlock && frames.isEmpty { return nil }
                throw error
            }
            inspect(&message)
            let size = zmq_msg_size(&message)
            let data = zmq_msg_data(&message)!.assumingMemoryBound(to: UInt8.self)
            frames.append(Array(UnsafeBufferPointer(start: data, count: size)))
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }
}

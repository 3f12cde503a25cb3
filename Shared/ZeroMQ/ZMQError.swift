import CZeroMQ

/// A failed libzmq call: the errno it set and libzmq's text for it.
public struct ZMQError: Error, CustomStringConvertible, Equatable, Sendable {
    public let code: Int32
    public let operation: String

    /// The error libzmq just set for `operation` (call right after the failing call).
    init(_ operation: String) {
        code = zmq_errno()
        self.operation = operation
    }

    public var description: String { "\(operation): \(String(cString: zmq_strerror(code)))" }

    /// EAGAIN: nothing to receive, or the high-water mark is reached on send.
    public var isWouldBlock: Bool { code == EAGAIN }
    /// ETERM: the context is being terminated; the socket must be closed now.
    public var isTerminated: Bool { code == ETERM }
}

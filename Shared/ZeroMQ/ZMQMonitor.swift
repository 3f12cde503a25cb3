import CZeroMQ
import Synchronization

/// Connection events of one socket (`zmq_socket_monitor`): libzmq publishes them on
/// an inproc PAIR socket that the owner's loop polls beside its other sockets.
public enum ZMQMonitor {
    public struct Events: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// The peer went away (closed, crashed, the network broke, or it refused the handshake).
        public static let disconnected = Events(rawValue: ZMQ_EVENT_DISCONNECTED)
        /// The security handshake (NULL or CURVE) completed.
        public static let handshakeSucceeded = Events(rawValue: ZMQ_EVENT_HANDSHAKE_SUCCEEDED)
        /// The peer refused the handshake: unknown key, wrong mechanism, or broken protocol.
        public static let handshakeFailed = Events(
            rawValue: ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL
                | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH)
    }

    private static let counter = Atomic<Int>(0)

    /// Starts publishing `events` of `socket` on a new inproc address (call it where
    /// the socket is used, before handing it to another thread).
    /// - Returns: the address to `connect(_:events:)` to.
    /// - Throws: `ZMQError` (ETERM, EPROTONOSUPPORT).
    public static func start(on socket: ZMQSocket, events: Events) throws -> String {
        let address = "inproc://glimlach-monitor-\(counter.add(1, ordering: .relaxed).newValue)"
        guard zmq_socket_monitor(socket.handle, address, events.rawValue) == 0 else {
            throw ZMQError("zmq_socket_monitor")
        }
        return address
    }

    /// The PAIR socket that receives the events published at `address`, on the
    /// thread that polls it.
    /// - Throws: `ZMQError` (ETERM, ECONNREFUSED when nothing monitors at `address`).
    public static func connect(_ context: ZMQContext, to address: String) throws -> ZMQSocket {
        let socket = try ZMQSocket(context, type: .pair)
        do { try socket.connect(address) } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// The event of one monitor message (`uint16 event, uint32 value` then the
    /// endpoint), or nil when the message is not one.
    public static func event(_ frames: Multipart) -> Events? {
        guard frames.count == 2, frames[0].count == 6 else { return nil }
        return Events(rawValue: Int32(frames[0][0]) | Int32(frames[0][1]) << 8)
    }
}

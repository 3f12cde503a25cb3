import CZeroMQ
import Synchronization

/// A libzmq context: its I/O threads and the sockets created from it.
///
/// Thread-safe (libzmq contexts are). `terminate()` returns once every socket of the
/// context is closed; sockets here default to zero linger, so it never hangs on
/// unsent messages.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    private let terminated = Atomic<Bool>(false)

    /// - Parameter ioThreads: libzmq background I/O threads (1 is enough below ~1 GB/s).
    public init(ioThreads: Int32 = 1) {
        handle = zmq_ctx_new()!
        // zmq_ctx_set returns 0, or -1 with EINVAL for an unknown option or value.
        zmq_ctx_set(handle, ZMQ_IO_THREADS, ioThreads)
        // Non-blocky: zmq_ctx_term does not wait on sockets' unsent messages.
        zmq_ctx_set(handle, ZMQ_BLOCKY, 0)
    }

    /// Waits until all sockets are closed, then frees the context. Later calls do
    /// nothing, so an owner's `close()` may safely run twice.
    public func terminate() {
        guard terminated.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        // zmq_ctx_term: 0, or -1 with EFAULT (bad context) or EINTR (retry).
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    deinit {
        if !terminated.load(ordering: .acquiring) { zmq_ctx_term(handle) }
    }
}

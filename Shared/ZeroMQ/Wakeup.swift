import CZeroMQ
import Glibc

/// An eventfd that other threads signal to wake a poll loop. Signalling is
/// thread-safe and never blocks; only the owning loop drains it.
public final class Wakeup: Sendable {
    let fd: Int32

    public init() {
        fd = glim_wakeup_open()
        precondition(fd >= 0, "eventfd failed: out of file descriptors")
    }

    deinit { Glibc.close(fd) }

    /// Makes the fd readable (from any thread).
    public func signal() { glim_wakeup_signal(fd) }

    /// Clears the readable state (on the loop's thread).
    func drain() { glim_wakeup_drain(fd) }
}

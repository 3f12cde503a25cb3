import CZeroMQ
import Glibc
import Synchronization

/// An eventfd that other threads signal to wake a poll loop. Signalling is
/// thread-safe and never blocks; only the owning loop drains it. Signals between
/// two drains cost one write: the loop has not looked yet, so one wake serves all.
public final class Wakeup: Sendable {
    let fd: Int32
    private let signalled = Atomic<Bool>(false)

    public init() {
        fd = glim_wakeup_open()
        precondition(fd >= 0, "eventfd failed: out of file descriptors")
    }

    deinit { Glibc.close(fd) }

    /// Makes the fd readable (from any thread). Call it after publishing the work
    /// the loop should find.
    public func signal() {
        if !signalled.exchange(true, ordering: .acquiringAndReleasing) { glim_wakeup_signal(fd) }
    }

    /// Clears the readable state (on the loop's thread), before the loop looks for
    /// work: what was published before a signal that this drain absorbed is visible.
    func drain() {
        glim_wakeup_drain(fd)
        _ = signalled.exchange(false, ordering: .acquiringAndReleasing)
    }
}

import Synchronization

/// Commands from any thread to one poll loop: a locked queue plus a wake-up.
public final class Mailbox<Command: Sendable>: Sendable {
    private let queue = Mutex<[Command]>([])
    /// Polled by the loop (see `Poller`).
    public let wakeup = Wakeup()

    public init() {}

    /// Queues a command and wakes the loop.
    public func post(_ command: Command) {
        queue.withLock { $0.append(command) }
        wakeup.signal()
    }

    /// Everything queued so far, oldest first (on the loop's thread).
    public func takeAll() -> [Command] {
        wakeup.drain()
        return queue.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }
}

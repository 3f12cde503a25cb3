import Synchronization

/// Commands from any thread to one poll loop: a locked queue plus a wake-up.
///
/// Only a post to an empty queue signals the wake-up: the loop drains the wake-up
/// before it takes the queue, so anything posted behind an earlier command is taken
/// with it. Under load this turns one eventfd write (and often one wake-up of the
/// loop's thread) per command into one per batch.
public final class Mailbox<Command: Sendable>: Sendable {
    private let queue = Mutex<[Command]>([])
    /// Polled by the loop (see `Poller`).
    public let wakeup = Wakeup()

    public init() {}

    /// Queues a command and wakes the loop.
    public func post(_ command: Command) {
        let wasEmpty = queue.withLock { queue in
            defer { queue.append(command) }
            return queue.isEmpty
        }
        if wasEmpty { wakeup.signal() }
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

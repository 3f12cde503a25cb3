import Synchronization

/// Commands from any thread to one poll loop: a locked queue plus a wake-up.
///
/// Only a post to an empty queue signals the wake-up: the loop drains the wake-up
/// before it takes the queue, so anything posted behind an earlier command is taken
/// with it. Under load this turns one eventfd write (and often one wake-up of the
/// loop's thread) per command into one per batch.
public final class Mailbox<Command: Sendable>: Sendable {
    private let queue = Mutex<(commands: [Command], closed: Bool)>(([], false))
    /// Polled by the loop (see `Poller`).
    public let wakeup = Wakeup()

    public init() {}

    /// Queues a command and wakes the loop.
    /// - Returns: false, and queues nothing, once the loop has closed the mailbox.
    @discardableResult
    public func post(_ command: Command) -> Bool {
        let (accepted, wasEmpty) = queue.withLock { queue in
            guard !queue.closed else { return (false, false) }
            defer { queue.commands.append(command) }
            return (true, queue.commands.isEmpty)
        }
        if wasEmpty { wakeup.signal() }
        return accepted
    }

    /// Everything queued so far, oldest first (on the loop's thread).
    public func takeAll() -> [Command] {
        wakeup.drain()
        return queue.withLock { queue in
            defer { queue.commands.removeAll(keepingCapacity: true) }
            return queue.commands
        }
    }

    /// Refuses every later post and returns what is still queued (the loop's last act,
    /// so that nothing posted is left without an answer).
    public func close() -> [Command] {
        queue.withLock { queue in
            queue.closed = true
            defer { queue.commands.removeAll() }
            return queue.commands
        }
    }
}

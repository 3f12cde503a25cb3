import ServiceLifecycle

/// How an outbox's worker drains it (channels' replies and surveys, webhooks'
/// deliveries): pass after pass over what is due, `width` at a time, pausing only
/// when a pass found nothing, until the service shuts down gracefully.
public enum OutboxPasses {
    /// Runs `pass` (which returns how many items it attempted) until graceful
    /// shutdown, sleeping `pause` after a pass that found nothing.
    public static func run(pause: Duration, _ pass: @escaping @Sendable () async -> Int) async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    if await pass() == 0 { try await Task.sleep(for: pause) }
                }
            }
        } catch is CancellationError {}
    }

    /// Runs `attempt` for every item, at most `width` at once; returns how many.
    @discardableResult
    public static func attempt<Item: Sendable>(
        _ items: [Item], width: Int, _ attempt: @escaping @Sendable (Item) async -> Void
    ) async -> Int {
        let width = max(width, 1)
        await withTaskGroup(of: Void.self) { group in
            for (index, item) in items.enumerated() {
                if index >= width { await group.next() }
                group.addTask { await attempt(item) }
            }
        }
        return items.count
    }
}

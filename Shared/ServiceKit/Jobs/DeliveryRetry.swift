/// When a delivery that failed for a passing reason is tried again: the pause
/// doubles from `firstPauseMs` up to `maxPauseMs`, spread by `jitter` so that
/// deliveries that failed together are not all retried at the same instant, and
/// after `maxAttempts` the delivery is given up (channels: FAILED for an agent to
/// act on; webhooks give up by time instead and keep the count unbounded).
public struct DeliveryRetry: Sendable, Equatable {
    public var firstPauseMs: Int64 = 2_000
    public var maxPauseMs: Int64 = 600_000
    /// About a day at the longest pause.
    public var maxAttempts = 150
    /// The share of a pause it may be moved by either way (0.2: ±20 %); 0: exact.
    public var jitter = 0.0

    public init(firstPauseMs: Int64 = 2_000, maxPauseMs: Int64 = 600_000, maxAttempts: Int = 150, jitter: Double = 0) {
        self.firstPauseMs = firstPauseMs
        self.maxPauseMs = maxPauseMs
        self.maxAttempts = maxAttempts
        self.jitter = jitter
    }

    /// The pause before attempt `attempts + 1`, after `attempts` failures.
    /// - Parameter random: a number in 0...1 that places the pause within its jitter.
    public func pauseMs(afterAttempts attempts: Int, random: Double = Double.random(in: 0...1)) -> Int64 {
        var pause = max(firstPauseMs, 1)
        for _ in 1..<max(attempts, 1) where pause < maxPauseMs { pause *= 2 }
        let base = min(pause, maxPauseMs)
        guard jitter > 0 else { return base }
        let spread = Double(base) * jitter * (min(max(random, 0), 1) * 2 - 1)
        return max(1, base + Int64(spread))
    }
}

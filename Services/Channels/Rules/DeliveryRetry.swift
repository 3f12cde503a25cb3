/// When a delivery that failed for a passing reason is tried again: the pause
/// doubles from `firstPauseMs` up to `maxPauseMs`, and after `maxAttempts` it is
/// FAILED for an agent to act on.
struct DeliveryRetry: Sendable, Equatable {
    var firstPauseMs: Int64 = 2_000
    var maxPauseMs: Int64 = 600_000
    /// About a day at the longest pause.
    var maxAttempts = 150

    /// The pause before attempt `attempts + 1`, after `attempts` failures.
    func pauseMs(afterAttempts attempts: Int) -> Int64 {
        var pause = max(firstPauseMs, 1)
        for _ in 1..<max(attempts, 1) where pause < maxPauseMs { pause *= 2 }
        return min(pause, maxPauseMs)
    }
}

/// How `GraphSender` retries a send that failed for a passing reason (429, 5xx, a
/// connection error): exponential back-off with jitter, at least as long as the
/// `Retry-After` header asks, within a number of attempts and a total time.
///
/// Configuration keys (all optional): `maxAttempts` (default 5), `initialBackoff`
/// (500 ms), `maxBackoff` (8 s), `maxTotalTime` (30 s), `jitter` (0.5: each wait is
/// 50-100 % of the back-off).
public struct GraphRetryPolicy: Hashable, Sendable {
    /// Attempts in all, the first included; 1 means no retry.
    public var maxAttempts: Int
    /// The wait before the second attempt (before jitter).
    public var initialBackoff: Duration
    /// The longest back-off between two attempts (before jitter); `Retry-After` may ask
    /// for longer.
    public var maxBackoff: Duration
    /// No attempt starts when the wait before it would end later than this after the
    /// first attempt began.
    public var maxTotalTime: Duration
    /// The part of each back-off that is random, 0...1.
    public var jitter: Double

    /// A policy.
    ///
    /// - Parameters:
    ///   - maxAttempts: Attempts in all (at least 1).
    ///   - initialBackoff: The first back-off.
    ///   - maxBackoff: The back-off's cap.
    ///   - maxTotalTime: The time budget from the first attempt.
    ///   - jitter: The random part of each back-off, clamped to 0...1.
    public init(
        maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(8),
        maxTotalTime: Duration = .seconds(30), jitter: Double = 0.5
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxTotalTime = maxTotalTime
        self.jitter = min(1, max(0, jitter))
    }

    /// The wait after failed attempt `attempt` (1-based): `initialBackoff * 2^(attempt-1)`
    /// capped at `maxBackoff`, less a random part of up to `jitter` of it, and never
    /// less than `retryAfter`.
    ///
    /// - Parameters:
    ///   - attempt: The attempt that just failed, from 1.
    ///   - retryAfter: What the server's `Retry-After` asked for, if anything.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration {
        let doubling = Double(1 << min(max(attempt - 1, 0), 30))
        let backoff = min(initialBackoff * doubling, maxBackoff)
        let jittered = backoff * (1 - jitter * Double.random(in: 0...1))
        return max(jittered, retryAfter ?? .zero)
    }
}

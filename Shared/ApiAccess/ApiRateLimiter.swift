import Bus
import Synchronization

/// Requests per minute per API token, as a token bucket per token id: a token may
/// use its minute's allowance in a burst, then gets one request every
/// 60/`requestsPerMinute` seconds; a refused request learns how many seconds to
/// wait (the gateway's `Retry-After`). Safe to share between tasks. The limit holds
/// per process: gateways behind a load balancer each allow the full rate.
///
/// ```swift
/// let limiter = ApiRateLimiter()
/// if case .limited(let seconds) = limiter.admit(grant) { /* 429, Retry-After: seconds */ }
/// ```
public final class ApiRateLimiter: Sendable {
    /// The limit of a token made without one.
    public static let defaultPerMinute: UInt32 = 600
    /// The highest limit a token may have.
    public static let maxPerMinute: UInt32 = 100_000
    /// Past this many tokens seen, full buckets are forgotten (they are as new).
    static let pruneAbove = 10_000

    private let buckets = Mutex<[String: TokenBucket]>([:])
    private let clock: @Sendable () -> Int64

    /// - Parameter clock: milliseconds of a monotonic clock (tests pass their own).
    public init(clock: @escaping @Sendable () -> Int64 = monotonicMilliseconds) {
        self.clock = clock
    }

    /// Counts one request of `grant`'s token against its `requestsPerMinute`.
    public func admit(_ grant: ApiGrant) -> ApiRateDecision {
        admit(tokenID: grant.tokenID, perMinute: grant.requestsPerMinute)
    }

    /// Counts one request of token `tokenID`, limited to `perMinute`.
    public func admit(tokenID: String, perMinute: Int) -> ApiRateDecision {
        let now = clock()
        return buckets.withLock { buckets in
            if buckets.count > Self.pruneAbove { buckets = buckets.filter { !$0.value.isFull(nowMs: now) } }
            var bucket = buckets[tokenID] ?? TokenBucket(capacity: perMinute, nowMs: now)
            let decision = bucket.take(nowMs: now, capacity: perMinute)
            buckets[tokenID] = bucket
            return decision
        }
    }
}

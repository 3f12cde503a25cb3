/// One token's allowance: a bucket of `capacity` requests that refills evenly over a
/// minute, so a token may spend its minute's requests at once and then gets one
/// every 60/`capacity` seconds. Times are milliseconds of a monotonic clock; the
/// count is kept in exact integer units (a request is 60,000 units, and the bucket
/// gains `capacity` units a millisecond).
struct TokenBucket: Sendable, Equatable {
    /// Units of one request.
    static let unit: Int64 = 60_000

    /// Requests per minute, and the most the bucket holds.
    private(set) var capacity: Int64
    /// Units left now.
    private(set) var available: Int64
    /// When `available` was last brought up to date.
    private(set) var updatedMs: Int64

    /// A full bucket at `nowMs`.
    init(capacity: Int, nowMs: Int64) {
        self.capacity = Int64(max(capacity, 1))
        available = self.capacity * Self.unit
        updatedMs = nowMs
    }

    /// Takes one request at `nowMs` if there is one.
    /// - Parameter capacity: the token's current limit; a changed limit applies at once.
    mutating func take(nowMs: Int64, capacity newCapacity: Int) -> ApiRateDecision {
        refill(nowMs: nowMs)
        let newCapacity = Int64(max(newCapacity, 1))
        if newCapacity != capacity {
            capacity = newCapacity
            available = min(available, capacity * Self.unit)
        }
        if available >= Self.unit {
            available -= Self.unit
            return .allowed(remaining: Int(available / Self.unit))
        }
        let waitMs = (Self.unit - available + capacity - 1) / capacity
        return .limited(retryAfterSeconds: Int(max(1, (waitMs + 999) / 1000)))
    }

    /// Whether the bucket is full at `nowMs` (then it can be forgotten: a new one is the same).
    func isFull(nowMs: Int64) -> Bool {
        let elapsed = max(0, nowMs - updatedMs)
        return elapsed >= Self.unit || available + elapsed * capacity >= capacity * Self.unit
    }

    private mutating func refill(nowMs: Int64) {
        let elapsed = max(0, nowMs - updatedMs)
        // A minute refills any bucket; checking first keeps the product in range.
        available =
            elapsed >= Self.unit ? capacity * Self.unit : min(capacity * Self.unit, available + elapsed * capacity)
        updatedMs = max(updatedMs, nowMs)
    }
}

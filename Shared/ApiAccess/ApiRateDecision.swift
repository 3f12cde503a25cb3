/// What the rate limiter says about one request.
public enum ApiRateDecision: Sendable, Equatable {
    /// Go ahead; `remaining` more requests fit right now.
    case allowed(remaining: Int)
    /// Refused: answer 429 with `Retry-After: retryAfterSeconds` (at least 1).
    case limited(retryAfterSeconds: Int)

    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }
}

import ApiAccess
import Bus

/// The grants staff gave for secrets, each kept for `lifetime`, so a busy
/// integration does not cost a staff call per request; a revoked token stops
/// working within it. Secrets staff refused are not kept. Holds at most `capacity`
/// grants (all are dropped when full; they are fetched again).
public actor GrantCache {
    /// How long a grant is used before staff is asked again.
    public let lifetime: Duration
    private let capacity: Int
    private let clock: @Sendable () -> Int64
    private var grants: [String: (grant: ApiGrant, fetchedAtMs: Int64)] = [:]

    public init(
        lifetime: Duration = .seconds(30), capacity: Int = 10_000,
        clock: @escaping @Sendable () -> Int64 = monotonicMilliseconds
    ) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.clock = clock
    }

    /// The grant for `secret`: the kept one while it is fresh, else `fetch`'s.
    /// - Throws: what `fetch` throws (UNAUTHENTICATED for an unknown or revoked token).
    func grant(for secret: String, fetch: () async throws -> ApiGrant) async throws -> ApiGrant {
        let now = clock()
        if let kept = grants[secret], Double(now - kept.fetchedAtMs) < lifetime / .milliseconds(1) { return kept.grant }
        let grant = try await fetch()
        if grants.count >= capacity { grants.removeAll() }
        grants[secret] = (grant, now)
        return grant
    }
}

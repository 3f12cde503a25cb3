import Synchronization
import Testing

@testable import ApiAccess

/// Milliseconds the test moves by hand.
final class ManualClock: Sendable {
    private let ms = Mutex<Int64>(1_000_000)
    var now: Int64 { ms.withLock { $0 } }
    func advance(seconds: Double) { ms.withLock { $0 += Int64(seconds * 1000) } }
}

@Suite("each API token is held to its requests per minute")
struct ApiRateLimiterTests {
    let clock = ManualClock()
    var limiter: ApiRateLimiter { ApiRateLimiter(clock: { [clock] in clock.now }) }

    @Test("a token spends its minute at once, then waits: the refusal says how many seconds")
    func burstThenWait() {
        let limiter = limiter
        for remaining in (0..<60).reversed() {
            #expect(limiter.admit(tokenID: "a", perMinute: 60) == .allowed(remaining: remaining))
        }
        #expect(limiter.admit(tokenID: "a", perMinute: 60) == .limited(retryAfterSeconds: 1))
        clock.advance(seconds: 0.5)
        #expect(limiter.admit(tokenID: "a", perMinute: 60) == .limited(retryAfterSeconds: 1))
        clock.advance(seconds: 0.5)
        #expect(limiter.admit(tokenID: "a", perMinute: 60).isAllowed)
        #expect(!limiter.admit(tokenID: "a", perMinute: 60).isAllowed)
    }

    @Test("a slow limit asks for a longer wait, and a minute refills the whole allowance")
    func slowLimit() {
        let limiter = limiter
        #expect(limiter.admit(tokenID: "b", perMinute: 2).isAllowed)
        #expect(limiter.admit(tokenID: "b", perMinute: 2).isAllowed)
        #expect(limiter.admit(tokenID: "b", perMinute: 2) == .limited(retryAfterSeconds: 30))
        clock.advance(seconds: 10)
        #expect(limiter.admit(tokenID: "b", perMinute: 2) == .limited(retryAfterSeconds: 20))
        clock.advance(seconds: 600)
        #expect(limiter.admit(tokenID: "b", perMinute: 2) == .allowed(remaining: 1))
    }

    @Test("tokens do not share an allowance")
    func separate() {
        let limiter = limiter
        #expect(limiter.admit(tokenID: "c", perMinute: 1).isAllowed)
        #expect(!limiter.admit(tokenID: "c", perMinute: 1).isAllowed)
        #expect(limiter.admit(tokenID: "d", perMinute: 1).isAllowed)
        #expect(
            limiter.admit(
                ApiGrant(tokenID: "d", name: "BI", scopes: [], requestsPerMinute: 1)) == .limited(retryAfterSeconds: 60)
        )
    }

    @Test("a lower limit applies at once")
    func lowered() {
        let limiter = limiter
        #expect(limiter.admit(tokenID: "e", perMinute: 100) == .allowed(remaining: 99))
        #expect(limiter.admit(tokenID: "e", perMinute: 3) == .allowed(remaining: 2))
    }
}

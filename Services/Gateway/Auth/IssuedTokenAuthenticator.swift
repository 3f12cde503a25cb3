import ApiAccess
import Bus
import Contract
import HTTPAPI
import Hummingbird

/// Accepts the API tokens a director issued in staff (docs/api-tokens.md) and the
/// gateway's own operator token. A `glim_` secret is authenticated by staff
/// (remembered for `GrantCache.lifetime`, so a revocation holds within it), its scopes
/// must cover the route, and its rate must admit the call (429 with Retry-After when
/// not); any other bearer token must be the operator's.
public struct IssuedTokenAuthenticator: GatewayAuthenticator {
    private let operatorToken: StaticTokenAuthenticator
    private let staff: Staff.Client
    private let grants: GrantCache
    private let limiter: ApiRateLimiter

    /// - Parameters:
    ///   - operatorToken: the gateway's own token (`GLIMLACH_GATEWAY_TOKEN`); nil lets
    ///     every request without an issued secret through (`--insecure-open`).
    ///   - client: reaches staff, which authenticates issued tokens.
    public init(
        operatorToken: String?, client: any RPCClient, grants: GrantCache = GrantCache(),
        limiter: ApiRateLimiter = ApiRateLimiter()
    ) {
        self.operatorToken = StaticTokenAuthenticator(token: operatorToken)
        staff = Staff.Client(client)
        self.grants = grants
        self.limiter = limiter
    }

    public func authenticate(_ request: Request, for route: APIRoute) async throws -> GatewayCaller {
        guard let secret = StaticTokenAuthenticator.bearer(request), secret.hasPrefix(Self.issuedPrefix) else {
            return try await operatorToken.authenticate(request, for: route)
        }
        let grant = try await grants.grant(for: secret) {
            try ApiGrant(
                try await staff.authenticateApiToken(.init(secret: secret), options: .init(timeout: .seconds(5))).token)
        }
        try grant.check(ApiCall(service: route.service, method: route.method.name, idempotent: route.idempotent))
        if case .limited(let seconds) = limiter.admit(grant) {
            throw RateLimited(tokenName: grant.name, perMinute: grant.requestsPerMinute, retryAfterSeconds: seconds)
        }
        return GatewayCaller(name: grant.name)
    }

    /// How issued secrets begin.
    static let issuedPrefix = "glim_"
}

/// A token over its rate: RESOURCE_EXHAUSTED, answered as 429 with Retry-After.
struct RateLimited: Error, RPCErrorConvertible {
    let tokenName: String
    let perMinute: Int
    let retryAfterSeconds: Int

    var rpcError: RPCError {
        RPCError(
            .resourceExhausted,
            "requests_per_minute: token '\(tokenName)' is over its \(perMinute) requests a minute; retry after \(retryAfterSeconds) s"
        )
    }
}

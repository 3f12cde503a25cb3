import Bus
import Contract

extension ApiGrant {
    /// The grant of a token staff authenticated (`AuthenticateApiTokenReply.token`).
    /// Scopes that no longer read as scopes are left out: they cover nothing.
    /// - Throws: UNAUTHENTICATED when `token` is missing or has no id (staff answered
    ///   something that is no token).
    public init(_ token: Staff.ApiToken?) throws(RPCError) {
        guard let token, let id = token.token_id, !id.isEmpty else {
            throw RPCError(.unauthenticated, "secret: staff named no token")
        }
        self.init(
            tokenID: id, name: token.name ?? "", scopes: token.scopes.compactMap(ApiScope.init),
            requestsPerMinute: Int(token.requests_per_minute ?? ApiRateLimiter.defaultPerMinute))
    }
}

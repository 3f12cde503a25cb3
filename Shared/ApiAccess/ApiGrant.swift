import Bus

/// An authenticated API token as the gateway uses it: who it is (id and name for
/// logs), what it may call and how often.
///
/// ```swift
/// let grant = try ApiGrant(reply.token)             // from staff's AuthenticateApiToken
/// try grant.check(ApiCall(Tickets.createTicket))    // PERMISSION_DENIED naming the scope
/// switch limiter.admit(grant) { case .limited(let seconds): ... 429, Retry-After: seconds }
/// ```
public struct ApiGrant: Sendable, Equatable {
    public let tokenID: String
    /// The integration, e.g. "Order system".
    public let name: String
    public let scopes: [ApiScope]
    /// The token's rate limit (`ApiRateLimiter`).
    public let requestsPerMinute: Int

    public init(tokenID: String, name: String, scopes: [ApiScope], requestsPerMinute: Int) {
        self.tokenID = tokenID
        self.name = name
        self.scopes = scopes
        self.requestsPerMinute = requestsPerMinute
    }

    /// Whether the token may make `call`: one of its scopes covers it, and it is not
    /// one of `ApiScope.reserved`.
    public func allows(_ call: ApiCall) -> Bool {
        !ApiScope.isReserved(call) && scopes.contains { $0.covers(call) }
    }

    /// - Throws: PERMISSION_DENIED naming the scope the call needs
    ///   (`scope: tickets:write or tickets.CreateTicket is needed for tickets.CreateTicket`),
    ///   unless `allows(call)`.
    public func check(_ call: ApiCall) throws(RPCError) {
        guard !allows(call) else { return }
        guard !ApiScope.isReserved(call) else {
            throw RPCError(.permissionDenied, "scope: \(call) is not available to API tokens")
        }
        let broad: ApiScope = call.idempotent ? .read(service: call.service) : .write(service: call.service)
        let single = ApiScope.method(service: call.service, name: call.method)
        let held = scopes.isEmpty ? "none" : scopes.map(\.description).joined(separator: ", ")
        throw RPCError(
            .permissionDenied, "scope: \(broad) or \(single) is needed for \(call); the token '\(name)' has \(held)")
    }
}

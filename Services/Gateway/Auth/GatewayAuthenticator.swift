import Hummingbird
import HTTPAPI

/// Who a request to the HTTP API comes from, as the authenticator established it.
public struct GatewayCaller: Sendable, Equatable {
    /// For logs, e.g. `static-token`.
    public let name: String
    /// The employee the calls act for (the services check their rights against
    /// them); nil: a service's or an operator's call.
    public let actor: String?

    public init(name: String, actor: String? = nil) {
        self.name = name
        self.actor = actor
    }
}

/// The one place a request to the API is authenticated (and may be authorized for
/// its route): every `/v1/...` call goes through `authenticate` before the bus is
/// called. `StaticTokenAuthenticator` accepts one bearer token from configuration;
/// issued tokens with scopes and rate limits plug in here.
public protocol GatewayAuthenticator: Sendable {
    /// The caller of `request`, which wants to call `route`.
    /// - Throws: `RPCError` with UNAUTHENTICATED (401) when no valid credentials came,
    ///   PERMISSION_DENIED (403) when they do not cover `route`, RESOURCE_EXHAUSTED
    ///   (429) when the caller is over its rate.
    func authenticate(_ request: Request, for route: APIRoute) async throws -> GatewayCaller
}

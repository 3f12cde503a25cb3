import Hummingbird
import HTTPAPI

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

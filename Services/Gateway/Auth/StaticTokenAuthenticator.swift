import Bus
import HTTPAPI
import Hummingbird

/// Accepts `Authorization: Bearer <token>` with the one token the gateway was given
/// (`GLIMLACH_GATEWAY_TOKEN`), for every route; with `open`, every request
/// (`--insecure-open`, development only).
public struct StaticTokenAuthenticator: GatewayAuthenticator {
    private let token: [UInt8]?

    /// - Parameter token: the accepted token; nil lets every request through.
    public init(token: String?) {
        self.token = token.map { Array($0.utf8) }
    }

    public func authenticate(_ request: Request, for route: APIRoute) async throws -> GatewayCaller {
        guard let token else { return GatewayCaller(name: "open") }
        guard let bearer = Self.bearer(request) else {
            throw RPCError(.unauthenticated, "Authorization: send `Bearer <token>`")
        }
        guard Self.equal(Array(bearer.utf8), token) else {
            throw RPCError(.unauthenticated, "Authorization: the token is not valid")
        }
        return GatewayCaller(name: "static-token")
    }

    /// The token of an `Authorization: Bearer <token>` header, if the request has one.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        return String(header.dropFirst("bearer ".count))
    }

    /// Compares in time that depends on the lengths only, not on where they differ.
    private static func equal(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(left, right) { difference |= a ^ b }
        return difference == 0
    }
}

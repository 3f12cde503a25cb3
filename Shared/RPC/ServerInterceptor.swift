import Logging

/// One call as a server's interceptors see it.
public struct ServerCall: Sendable {
    /// The rest of the chain: the next interceptor, or the handler.
    public typealias Next = @Sendable (ServerCall) async throws -> [UInt8]

    public let service: String
    public let method: String
    /// Whether the service has the method (an unknown one answers UNIMPLEMENTED).
    public let isKnown: Bool
    public var payload: [UInt8]
    public var context: CallContext
    /// The serving transport's logger.
    public let logger: Logger
}

/// Code that runs around every call a `ServiceRouter` serves (metrics, logging,
/// deadlines, authorization), instead of inside the router. It calls `next` to go
/// on, or throws an `RPCError` to answer without it.
///
/// ```swift
/// router.interceptors.append(RequireMetadata(key: "user"))
/// ```
public protocol ServerInterceptor: Sendable {
    /// Serves `call` by way of `next`. Whatever the handler threw reaches here as an `RPCError`.
    func intercept(_ call: ServerCall, next: @escaping ServerCall.Next) async throws -> [UInt8]
}

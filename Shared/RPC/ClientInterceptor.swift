/// One outgoing call as a client's interceptors see it.
public struct ClientCall: Sendable {
    /// The rest of the chain: the next interceptor, or the transport.
    public typealias Next = @Sendable (ClientCall) async throws -> [UInt8]

    public let service: String
    public let method: String
    public var payload: [UInt8]
    public let idempotent: Bool
    public var options: CallOptions
}

/// Code that runs around every call a client makes (credentials, client-side
/// metrics), the caller's counterpart of `ServerInterceptor`. It calls `next` to
/// send, or throws an `RPCError` to fail the call without sending it.
public protocol ClientInterceptor: Sendable {
    func intercept(_ call: ClientCall, next: @escaping ClientCall.Next) async throws -> [UInt8]
}

/// A client whose calls pass through `interceptors` (outermost first) before `base`.
///
/// ```swift
/// let client = host.client.intercepted(by: [ActingUser(id: "emp-1")])
/// ```
public struct InterceptedClient: RPCClient {
    public let base: any RPCClient
    public let interceptors: [any ClientInterceptor]

    public func call(service: String, method: String, payload: [UInt8], idempotent: Bool, options: CallOptions)
        async throws -> [UInt8]
    {
        let base = base
        let terminal: ClientCall.Next = { call in
            try await base.call(
                service: call.service, method: call.method, payload: call.payload, idempotent: call.idempotent,
                options: call.options)
        }
        let chain = interceptors.reversed().reduce(terminal) { next, interceptor in
            { call in try await interceptor.intercept(call, next: next) }
        }
        return try await chain(
            ClientCall(service: service, method: method, payload: payload, idempotent: idempotent, options: options))
    }
}

extension RPCClient {
    /// This client with `interceptors` around each of its calls.
    public func intercepted(by interceptors: [any ClientInterceptor]) -> InterceptedClient {
        InterceptedClient(base: self, interceptors: interceptors)
    }
}

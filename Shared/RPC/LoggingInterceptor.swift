/// Logs every served call at debug level: method, status, request and trace ids.
public struct LoggingInterceptor: ServerInterceptor {
    public init() {}

    public func intercept(_ call: ServerCall, next: @escaping ServerCall.Next) async throws -> [UInt8] {
        var code = StatusCode.ok
        defer {
            call.logger.debug(
                "served",
                metadata: [
                    "method": "\(call.method)", "code": "\(code.description)",
                    "request_id": "\(call.context.requestID)", "trace_id": "\(call.context.traceID)",
                ])
        }
        do { return try await next(call) } catch {
            code = (error as? RPCError)?.code ?? .cancelled
            throw error
        }
    }
}

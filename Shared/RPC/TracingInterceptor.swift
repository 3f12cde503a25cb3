import Tracing

/// Serves every call inside a server span `service/Method`, the child of the span the
/// caller named in its `traceparent` metadata (W3C Trace Context), so one trace shows
/// a request's hops across processes. Calls the handler makes carry the span on
/// (`CallContext.outgoing`). With no tracer bootstrapped (no OTLP endpoint set) the
/// spans are no-ops.
public struct TracingInterceptor: ServerInterceptor {
    public init() {}

    public func intercept(_ call: ServerCall, next: @escaping ServerCall.Next) async throws -> [UInt8] {
        var parent = ServiceContext.topLevel
        InstrumentationSystem.instrument.extract(call.context.metadata, into: &parent, using: MetadataCarrier())
        return try await withSpan("\(call.service)/\(call.method)", context: parent, ofKind: .server) { span in
            span.attributes["rpc.system"] = "glimlach"
            span.attributes["rpc.service"] = call.service
            span.attributes["rpc.method"] = call.method
            span.attributes["glimlach.request_id"] = call.context.requestID
            do {
                let reply = try await next(call)
                span.attributes["rpc.grpc.status_code"] = 0
                return reply
            } catch let error as RPCError {
                span.attributes["rpc.grpc.status_code"] = Int(error.code.rawValue)
                span.setStatus(SpanStatus(code: .error, message: "\(error.code.description): \(error.message)"))
                throw error
            }
        }
    }
}

/// Trace context in call metadata, the way gRPC carries it (`traceparent`, `tracestate`).
struct MetadataCarrier: Injector, Extractor {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) {
        carrier[key] = value
    }

    func extract(key: String, from carrier: [String: String]) -> String? {
        carrier[key]
    }
}

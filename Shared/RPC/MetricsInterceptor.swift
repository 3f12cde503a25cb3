import Metrics

/// Per method of a service: requests by status code and their latency, as
/// swift-metrics (`glimlach_requests_total`, `glimlach_request_duration_seconds`).
public struct MetricsInterceptor: ServerInterceptor {
    /// The `method` label of requests for methods the service does not have.
    static let unknownMethod = "(unknown)"

    public init() {}

    public func intercept(_ call: ServerCall, next: @escaping ServerCall.Next) async throws -> [UInt8] {
        let start = ContinuousClock.now
        do {
            let reply = try await next(call)
            record(call, code: .ok, since: start)
            return reply
        } catch {
            record(call, code: (error as? RPCError)?.code ?? .cancelled, since: start)
            throw error
        }
    }

    private func record(_ call: ServerCall, code: StatusCode, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        // A method this service does not have is counted under one name, so callers
        // cannot grow the metrics by making names up.
        let method = !call.isKnown ? Self.unknownMethod : call.method
        Counter(
            label: "glimlach_requests_total",
            dimensions: [("service", call.service), ("method", method), ("code", code.description)]
        ).increment()
        Timer(
            label: "glimlach_request_duration_seconds", dimensions: [("service", call.service), ("method", method)],
            preferredDisplayUnit: .seconds
        ).record(duration: elapsed)
    }
}

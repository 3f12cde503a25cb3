import Metrics

/// Per method of a service: requests by status code and their latency, as
/// swift-metrics (`glimlach_requests_total`, `glimlach_request_duration_seconds`).
enum RequestMetrics {
    /// The `method` label of requests for methods the service does not have.
    static let unknownMethod = "(unknown)"

    static func record(service: String, method: String, code: StatusCode, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        Counter(
            label: "glimlach_requests_total",
            dimensions: [("service", service), ("method", method), ("code", code.description)]
        ).increment()
        Timer(
            label: "glimlach_request_duration_seconds", dimensions: [("service", service), ("method", method)],
            preferredDisplayUnit: .seconds
        ).record(duration: elapsed)
    }
}

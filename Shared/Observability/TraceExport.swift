import Foundation
import OTel
import ServiceLifecycle

/// Traces out to an OpenTelemetry collector over OTLP/HTTP, when the standard
/// variables ask for it: `OTEL_EXPORTER_OTLP_ENDPOINT` (or `..._TRACES_ENDPOINT`), and
/// optionally `OTEL_EXPORTER_OTLP_PROTOCOL` (`http/protobuf`, the default, or
/// `http/json`), `OTEL_BSP_SCHEDULE_DELAY` and the others of the OTel spec. Logs and
/// metrics stay where they are (the console and Prometheus). docs/operating.md, "Traces".
///
/// ```swift
/// let exporter = try TraceExport.bootstrap(serviceName: "tickets")   // nil: no endpoint set
/// ```
public enum TraceExport {
    /// Bootstraps tracing when an OTLP endpoint is set, and returns the exporter's
    /// service, to run beside the process's others (it sends the last spans at
    /// shutdown). Returns nil otherwise: spans are then no-ops.
    /// - Throws: what OTel throws for settings it refuses (an unknown protocol, say).
    public static func bootstrap(
        serviceName: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (any Service)? {
        guard
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] != nil
                || environment["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] != nil
        else { return nil }
        var configuration = OTel.Configuration.default
        configuration.serviceName = serviceName
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.enabled = true
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        return try OTel.bootstrap(configuration: configuration, environment: environment)
    }
}

import ArgumentParser
import Bus
import Foundation

/// The flags of `gateway serve`; each falls back to an environment variable, then to
/// the local default, as the web front's do.
///
/// Configuration keys:
/// - `--bus` / `GLIMLACH_BUS_ENDPOINT` (string, `tcp://127.0.0.1:5555`): the bus.
/// - `--http-host` / `GLIMLACH_GATEWAY_HOST` (string, `127.0.0.1`): address to listen on.
/// - `--http-port` / `GLIMLACH_GATEWAY_PORT` (int, 8070): HTTP port.
/// - `GLIMLACH_GATEWAY_TOKEN` (string, none; environment only, so it shows in no
///   process list): the bearer token every `/v1/` call must send. Required unless
///   `--insecure-open`.
/// - `--insecure-open`: serve every caller without a token (development only).
/// - `--timeout-ms` / `GLIMLACH_GATEWAY_TIMEOUT_MS` (int, 10000): a call's deadline when
///   the request sends no `X-Deadline-Ms`.
/// - `--metrics` / `GLIMLACH_METRICS_ENDPOINT` (endpoint, off): Prometheus metrics.
/// - `--log-level` / `GLIMLACH_LOG_LEVEL` (string, `info`).
struct GatewayOptions: ParsableArguments, Sendable {
    @Option(help: "Bus (Majordomo) endpoint (env GLIMLACH_BUS_ENDPOINT).")
    var bus = environmentValue("GLIMLACH_BUS_ENDPOINT", "tcp://127.0.0.1:5555")

    @Option(help: "Address to listen on (env GLIMLACH_GATEWAY_HOST).")
    var httpHost = environmentValue("GLIMLACH_GATEWAY_HOST", "127.0.0.1")

    @Option(help: "HTTP port (env GLIMLACH_GATEWAY_PORT).")
    var httpPort = Int(environmentValue("GLIMLACH_GATEWAY_PORT", "8070")) ?? 8070

    @Flag(help: "Serve every caller without a token (development only; else GLIMLACH_GATEWAY_TOKEN is required).")
    var insecureOpen = false

    @Option(help: "A call's deadline in ms when the request sends no X-Deadline-Ms (env GLIMLACH_GATEWAY_TIMEOUT_MS).")
    var timeoutMs = Int(environmentValue("GLIMLACH_GATEWAY_TIMEOUT_MS", "10000")) ?? 10000

    @Option(
        help:
            "Serve Prometheus metrics over HTTP here, e.g. tcp://0.0.0.0:9100; off when empty (env GLIMLACH_METRICS_ENDPOINT)."
    )
    var metrics = environmentValue("GLIMLACH_METRICS_ENDPOINT", "")

    @Option(help: "Log level: trace, debug, info, notice, warning, error (env GLIMLACH_LOG_LEVEL).")
    var logLevel = environmentValue("GLIMLACH_LOG_LEVEL", "info")

    /// The token from the environment; nil when unset or empty.
    var token: String? {
        let token = ProcessInfo.processInfo.environment["GLIMLACH_GATEWAY_TOKEN"] ?? ""
        return token.isEmpty ? nil : token
    }

    init() {}

    func validate() throws {
        guard (1...65535).contains(httpPort) else { throw ValidationError("--http-port must be 1-65535") }
        guard (1...60_000).contains(timeoutMs) else { throw ValidationError("--timeout-ms must be 1-60000") }
        guard token != nil || insecureOpen else {
            throw ValidationError("GLIMLACH_GATEWAY_TOKEN is not set: set it, or pass --insecure-open for development")
        }
    }
}

import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// Serves the process's metrics in Prometheus text format over HTTP at `GET /metrics`
/// (and `GET /health`), with Hummingbird: HTTP/1.1 with keep-alive, `HEAD` for each
/// route, and 404 for any other path.
///
/// ```swift
/// let metrics = MetricsEndpoint(endpoint: "tcp://0.0.0.0:9100", registry: Observability.bootstrap(), logger: logger)
/// let group = ServiceGroup(services: [metrics, worker], logger: logger)
/// ```
public struct MetricsEndpoint: Service {
    /// The endpoint as configured, `tcp://host:port`.
    public let endpoint: String
    private let registry: PrometheusCollectorRegistry
    private let logger: Logger

    /// Serves `registry` at `endpoint` (e.g. `tcp://0.0.0.0:9100`; `*` stands for every
    /// interface) once run. A bad endpoint or a bind failure is logged and the process
    /// keeps running without metrics.
    public init(endpoint: String, registry: PrometheusCollectorRegistry, logger: Logger) {
        self.endpoint = endpoint
        self.registry = registry
        self.logger = logger
    }

    /// Serves until graceful shutdown.
    public func run() async throws {
        do {
            let (host, port) = try Self.address(endpoint)
            let application = Application(
                router: Self.router(registry),
                configuration: .init(address: .hostname(host, port: port)),
                logger: logger)
            try await application.run()
        } catch {
            logger.error("metrics endpoint cannot serve", metadata: ["endpoint": "\(endpoint)", "error": "\(error)"])
            try? await gracefulShutdown()
        }
    }

    /// The routes: `/metrics` in the Prometheus text format, `/health` as plain text.
    static func router(_ registry: PrometheusCollectorRegistry) -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.get("metrics") { _, _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        router.get("health") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain"],
                body: .init(byteBuffer: ByteBuffer(string: "serving\n")))
        }
        return router
    }
}

import Metrics
import Prometheus

/// Process-wide metrics: swift-metrics backed by a Prometheus registry, which
/// `MetricsEndpoint` serves over HTTP. Call `bootstrap()` once, early in `main`.
public enum Observability {
    /// Installs the Prometheus backend for swift-metrics and returns its registry.
    public static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }
}

/// How a service's worker connects to the bus.
///
/// Configuration keys (flag / environment variable / default):
/// - `--bus` / `GLIMLACH_BUS_ENDPOINT` / `tcp://127.0.0.1:5555`
/// - `--concurrency` / `GLIMLACH_CONCURRENCY` / 16: requests served at once.
/// - `--heartbeat-ms` / `GLIMLACH_HEARTBEAT_MS` / 1000 and `--liveness` /
///   `GLIMLACH_LIVENESS` / 3: a broker silent for interval x liveness is presumed
///   gone and the worker reconnects.
public struct WorkerConfiguration: Sendable {
    public var endpoint: String
    public var concurrency: Int = 16
    public var heartbeatIntervalMs: Int64 = 1000
    public var liveness: Int64 = 3
    /// On shutdown, how long to let running requests finish.
    public var drainTimeoutMs: Int64 = 5000
    /// CURVE keys when the broker requires them (default: from the environment).
    public var credentials: CurveCredentials? = .environment

    public init(endpoint: String) {
        self.endpoint = endpoint
    }

    /// The keys above from the environment, `endpoint` unless GLIMLACH_BUS_ENDPOINT is set.
    public static func fromEnvironment(
        _ environment: [String: String], endpoint: String = "tcp://127.0.0.1:5555"
    ) -> WorkerConfiguration {
        var configuration = WorkerConfiguration(endpoint: environment["GLIMLACH_BUS_ENDPOINT"] ?? endpoint)
        if let value = environment["GLIMLACH_CONCURRENCY"].flatMap(Int.init), value > 0 {
            configuration.concurrency = value
        }
        if let value = environment["GLIMLACH_HEARTBEAT_MS"].flatMap(Int64.init), value > 0 {
            configuration.heartbeatIntervalMs = value
        }
        if let value = environment["GLIMLACH_LIVENESS"].flatMap(Int64.init), value > 0 {
            configuration.liveness = value
        }
        return configuration
    }
}

import ArgumentParser
import Bus
import Foundation

/// The flags every service executable takes; each falls back to an environment
/// variable, then to the local default, so compose files and `glimlach up` can
/// configure services by environment alone.
public struct ServiceOptions: ParsableArguments, Sendable {
    @Option(help: "Bus (Majordomo) endpoint (env GLIMLACH_BUS_ENDPOINT).")
    public var bus = environmentValue("GLIMLACH_BUS_ENDPOINT", "tcp://127.0.0.1:5555")

    @Option(help: "Endpoint events are published to (env GLIMLACH_EVENTS_IN).")
    public var eventsIn = environmentValue("GLIMLACH_EVENTS_IN", "tcp://127.0.0.1:5556")

    @Option(help: "Endpoint events are received from (env GLIMLACH_EVENTS_OUT).")
    public var eventsOut = environmentValue("GLIMLACH_EVENTS_OUT", "tcp://127.0.0.1:5557")

    @Option(help: "Directory for the service's SQLite database (env GLIMLACH_DATA_DIR).")
    public var dataDir = environmentValue("GLIMLACH_DATA_DIR", "data")

    @Option(
        help:
            "PostgreSQL database of a service that has that backend, postgres://USER@HOST:PORT/DATABASE; empty: SQLite in --data-dir (env GLIMLACH_DATABASE_URL)."
    )
    public var databaseUrl = environmentValue("GLIMLACH_DATABASE_URL", "")

    @Option(help: "Requests served at once (env GLIMLACH_CONCURRENCY).")
    public var concurrency = Int(environmentValue("GLIMLACH_CONCURRENCY", "16")) ?? 16

    @Option(help: "Heartbeat interval in ms (env GLIMLACH_HEARTBEAT_MS).")
    public var heartbeatMs = Int64(environmentValue("GLIMLACH_HEARTBEAT_MS", "1000")) ?? 1000

    @Option(help: "Heartbeats missed before the bus counts as gone (env GLIMLACH_LIVENESS).")
    public var liveness = Int64(environmentValue("GLIMLACH_LIVENESS", "3")) ?? 3

    @Option(
        help:
            "Serve Prometheus metrics over HTTP here, e.g. tcp://0.0.0.0:9100; off when empty (env GLIMLACH_METRICS_ENDPOINT)."
    )
    public var metrics = environmentValue("GLIMLACH_METRICS_ENDPOINT", "")

    @Option(help: "Log level: trace, debug, info, notice, warning, error (env GLIMLACH_LOG_LEVEL).")
    public var logLevel = environmentValue("GLIMLACH_LOG_LEVEL", "info")

    public init() {}

    public func validate() throws {
        guard databaseUrl.isEmpty || usesPostgres else {
            throw ValidationError("--database-url must start with postgres:// (or be empty for SQLite)")
        }
        guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
        guard heartbeatMs > 0, liveness > 0 else {
            throw ValidationError("--heartbeat-ms and --liveness must be positive")
        }
    }

    /// Whether the service's data is in PostgreSQL (`--database-url` names it).
    public var usesPostgres: Bool { PostgresAddress.isPostgres(databaseUrl) }

    /// The database of the service called `service`: the PostgreSQL URL when
    /// `--database-url` names one, else the path of its SQLite file in `--data-dir`
    /// (what the services' stores open with `open(_:)`).
    public func database(_ service: String) -> String {
        usesPostgres ? databaseUrl : sqlitePath(service)
    }

    private func sqlitePath(_ service: String) -> String {
        URL(fileURLWithPath: dataDir).appendingPathComponent("\(service).sqlite").path
    }
}

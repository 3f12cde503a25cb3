import ArgumentParser
import Bus
import Foundation
import Logging
import Observability
import ServiceLifecycle

/// `bus`: the Majordomo broker and event proxy every Glimlach service connects to.
@main
struct BusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bus",
        abstract: "Run the Glimlach bus: Majordomo broker (RPC) and XSUB/XPUB proxy (events).")

    @Option(help: "Majordomo ROUTER endpoint (env GLIMLACH_BUS_ENDPOINT).")
    var endpoint = environmentValue("GLIMLACH_BUS_ENDPOINT", "tcp://127.0.0.1:5555")

    @Option(help: "XSUB endpoint publishers connect to (env GLIMLACH_EVENTS_IN).")
    var eventsIn = environmentValue("GLIMLACH_EVENTS_IN", "tcp://127.0.0.1:5556")

    @Option(help: "XPUB endpoint subscribers connect to (env GLIMLACH_EVENTS_OUT).")
    var eventsOut = environmentValue("GLIMLACH_EVENTS_OUT", "tcp://127.0.0.1:5557")

    @Option(help: "Heartbeat interval in ms (env GLIMLACH_HEARTBEAT_MS).")
    var heartbeatMs = Int64(environmentValue("GLIMLACH_HEARTBEAT_MS", "1000")) ?? 1000

    @Option(help: "Heartbeats a worker may miss before it counts as dead (env GLIMLACH_LIVENESS).")
    var liveness = Int64(environmentValue("GLIMLACH_LIVENESS", "3")) ?? 3

    @Option(help: "Heartbeat interval in ms assumed for stock MDP workers (env GLIMLACH_STOCK_WORKER_HEARTBEAT_MS).")
    var stockWorkerHeartbeatMs = Int64(environmentValue("GLIMLACH_STOCK_WORKER_HEARTBEAT_MS", "2500")) ?? 2500

    @Option(help: "Deadline in ms for requests that carry none (env GLIMLACH_DEFAULT_DEADLINE_MS).")
    var defaultDeadlineMs = Int64(environmentValue("GLIMLACH_DEFAULT_DEADLINE_MS", "30000")) ?? 30000

    @Option(help: "Waiting requests per service before RESOURCE_EXHAUSTED (env GLIMLACH_MAX_QUEUE).")
    var maxQueue = Int(environmentValue("GLIMLACH_MAX_QUEUE", "10000")) ?? 10000

    @Option(help: "Largest accepted message in bytes (env GLIMLACH_MAX_MESSAGE_BYTES).")
    var maxMessageBytes = Int64(environmentValue("GLIMLACH_MAX_MESSAGE_BYTES", "16777216")) ?? 16_777_216

    @Option(
        help:
            "The broker's CURVE key pair file; with --access-list, every socket requires CURVE (env GLIMLACH_CURVE_KEY)."
    )
    var curveKey = environmentValue("GLIMLACH_CURVE_KEY", "")

    @Option(
        help:
            "Who may connect, serve and call: one 'name public-key serve=.. call=..' per line (env GLIMLACH_ACCESS_LIST)."
    )
    var accessList = environmentValue("GLIMLACH_ACCESS_LIST", "")

    @Option(
        help:
            "Serve Prometheus metrics over HTTP here, e.g. tcp://0.0.0.0:9100; off when empty (env GLIMLACH_METRICS_ENDPOINT)."
    )
    var metrics = environmentValue("GLIMLACH_METRICS_ENDPOINT", "")

    @Option(help: "Log level: trace, debug, info, notice, warning, error (env GLIMLACH_LOG_LEVEL).")
    var logLevel = environmentValue("GLIMLACH_LOG_LEVEL", "info")

    func run() async throws {
        var configuration = BrokerConfiguration()
        configuration.endpoint = endpoint
        configuration.eventsIn = eventsIn
        configuration.eventsOut = eventsOut
        configuration.heartbeatIntervalMs = heartbeatMs
        configuration.liveness = liveness
        configuration.stockWorkerHeartbeatMs = stockWorkerHeartbeatMs
        configuration.defaultDeadlineMs = defaultDeadlineMs
        configuration.maxQueuePerService = maxQueue
        configuration.maxMessageBytes = maxMessageBytes
        configuration.security = try security()
        var logger = Logger(label: "bus")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        var services: [any Service] = []
        if !metrics.isEmpty {
            services.append(MetricsEndpoint(endpoint: metrics, registry: Observability.bootstrap(), logger: logger))
        }
        services.append(Broker(configuration: configuration, logger: logger))
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

extension BusCommand {
    func validate() throws {
        guard curveKey.isEmpty == accessList.isEmpty else {
            throw ValidationError("--curve-key and --access-list go together: set both for CURVE, or neither")
        }
    }

    func security() throws -> BrokerSecurity? {
        guard !curveKey.isEmpty else { return nil }
        return BrokerSecurity(keys: try KeyFile.keyPair(at: curveKey), access: try AccessList(contentsOf: accessList))
    }
}

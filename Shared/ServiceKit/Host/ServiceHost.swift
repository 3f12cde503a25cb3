import Bus
import Foundation
import Logging
import Observability
import ServiceLifecycle

/// Runs one service process: its worker on the bus, a client for calls to other
/// services, and an event publisher, until SIGTERM or SIGINT. On shutdown the worker
/// drains its running requests first; the client and publisher close after it.
public struct ServiceHost: Sendable {
    public let name: String
    public let options: ServiceOptions
    public let logger: Logger
    /// For calls to other services.
    public let client: BusClient
    /// Publishes committed events (give it to `SQLiteStore`).
    public let publisher: EventPublisher
    let started = ContinuousClock.now

    public init(name: String, options: ServiceOptions) {
        self.name = name
        self.options = options
        var logger = Logger(label: name)
        logger.logLevel = Logger.Level(rawValue: options.logLevel) ?? .info
        self.logger = logger
        client = BusClient(endpoint: options.bus, logger: logger)
        publisher = EventPublisher(endpoint: options.eventsIn, logger: logger)
    }

    /// `publish` for `SQLiteStore`: events go out on the bus in the order given.
    public var publish: @Sendable ([Event]) -> Void {
        { [publisher, logger] events in
            for event in events {
                do { try publisher.publish(event) } catch {
                    logger.error(
                        "event not published", metadata: ["sequence": "\(event.sequence)", "error": "\(error)"])
                }
            }
        }
    }

    /// Adds `Health` and, when the service keeps events, `Since` to `router`.
    public func registerStandardMethods(on router: inout ServiceRouter, store: (any EventLog)?) {
        router.registerStandardMethods(events: store, started: started)
    }

    /// Serves `router` until a signal, then shuts down in order.
    public func run(router: ServiceRouter, extraServices: [any Service] = []) async throws {
        // One worker per broker, so that each broker can route every call here.
        let workers = endpointList(options.bus).map { broker in
            var configuration = WorkerConfiguration(endpoint: broker)
            configuration.concurrency = options.concurrency
            configuration.heartbeatIntervalMs = options.heartbeatMs
            configuration.liveness = options.liveness
            return BusWorker(router: router, configuration: configuration, logger: logger)
        }
        logger.info("serving", metadata: ["bus": "\(options.bus)", "data_dir": "\(options.dataDir)"])
        var metrics: [any Service] = []
        if let traces = try TraceExport.bootstrap(serviceName: name) { metrics.append(traces) }
        if !options.metrics.isEmpty {
            metrics.append(
                MetricsEndpoint(endpoint: options.metrics, registry: Observability.bootstrap(), logger: logger))
        }
        // ServiceGroup stops services in reverse order: the worker first, the connections last.
        let group = ServiceGroup(
            configuration: .init(
                services: metrics + [Connections(client: client, publisher: publisher)] + extraServices + workers,
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// Closes the shared client and publisher once everything else has stopped; ends
/// the group early, with the `LoopFailure`, when the publisher's loop fails.
struct Connections: Service {
    let client: BusClient
    let publisher: EventPublisher

    func run() async throws {
        let failure = await cancelWhenGracefulShutdown { [publisher] in await publisher.failed() }
        await client.close()
        await publisher.close()
        if let failure { throw failure }
    }
}

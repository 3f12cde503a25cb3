import Bus
import Logging
import Synchronization

/// A broker on ephemeral loopback ports with fast heartbeats, plus workers and
/// clients that are stopped with it. Safe to use from many tasks at once.
public final class InProcessBus: Sendable {
    public let broker: Broker
    public let endpoints: BrokerEndpoints
    private let started = Mutex(Started())
    public static let heartbeatMs: Int64 = 100

    public init(configure: (inout BrokerConfiguration) -> Void = { _ in }) async throws {
        var configuration = BrokerConfiguration.ephemeral()
        configuration.heartbeatIntervalMs = Self.heartbeatMs
        configure(&configuration)
        broker = Broker(configuration: configuration, logger: Logger(label: "test.bus"))
        endpoints = try await broker.start()
    }

    /// Starts a worker serving `router` and waits until the broker knows it.
    @discardableResult
    public func worker(_ router: ServiceRouter, concurrency: Int = 4) async throws -> BusWorker {
        var configuration = WorkerConfiguration(endpoint: endpoints.requests)
        configuration.concurrency = concurrency
        configuration.heartbeatIntervalMs = Self.heartbeatMs
        let worker = BusWorker(router: router, configuration: configuration, logger: Logger(label: "test.worker"))
        worker.start()
        started.withLock { $0.workers.append(worker) }
        try await waitUntil("\(router.service) has a worker") {
            try await self.client().hasWorkers(service: router.service)
        }
        return worker
    }

    /// A client of this bus (one shared unless `fresh`).
    public func client(fresh: Bool = false) -> BusClient {
        started.withLock { started in
            if !fresh, let first = started.clients.first { return first }
            let client = BusClient(endpoint: endpoints.requests, defaultTimeout: .seconds(5))
            started.clients.append(client)
            return client
        }
    }

    public func listing() async throws -> [String: ServiceInfo] {
        let reply = try await client().call(BusAPI.listServices, ListServicesRequest())
        return Dictionary(uniqueKeysWithValues: reply.services.map { ($0.name, $0) })
    }

    public func shutdown() async {
        let (workers, clients) = started.withLock { started in
            defer { started = Started() }
            return (started.workers, started.clients)
        }
        for worker in workers { await worker.stop() }
        for client in clients { await client.close() }
        await broker.stop()
    }

    /// The workers and clients to stop at shutdown.
    private struct Started {
        var workers: [BusWorker] = []
        var clients: [BusClient] = []
    }
}

/// Polls `condition` every 20 ms until it holds; fails after `timeout`.
public func waitUntil(
    _ what: String, timeout: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let end = clock.now + timeout
    while clock.now < end {
        if (try? await condition()) == true { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw TimeoutError(what: what)
}

public struct TimeoutError: Error, CustomStringConvertible {
    public let what: String
    public var description: String { "timed out waiting until \(what)" }
}

/// What `body` threw, as an `RPCError`; nil when it returned or threw something else.
public func rpcError<T>(_ body: () async throws -> T) async -> RPCError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error as? RPCError
    }
}

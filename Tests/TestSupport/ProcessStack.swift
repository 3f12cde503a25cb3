import Bus
import Foundation
import Stack
import Synchronization

/// The real `bus` and service executables as processes on loopback, each service
/// with its data in a fresh temporary directory, fast heartbeats (100 ms x 3), and
/// a client for the test. Start services with `start(_:)`, restart them with the
/// same data after `kill()`. Given `peers`, the stack is keyed: the bus requires
/// CURVE with an access list of those peers, each process gets its own key pair
/// (the one named like its product), and the test's client uses the peer `client`.
/// With `standby`, a second broker runs beside the first and every process (and the
/// test's client) is given both. On PostgreSQL runs (``TestBackend``) each service
/// with that backend gets a database of its own at its first start, kept for restarts.
public final class ProcessStack: @unchecked Sendable {
    public let endpoint: String
    public let eventsIn: String
    public let eventsOut: String
    public let dataDirectory: URL
    public let client: BusClient
    public private(set) var broker: ChildProcess
    /// The second broker's process and endpoints (bus, events in, events out), when there is one.
    public private(set) var standbyBroker: ChildProcess?
    public let standbyEndpoints: [String]
    private var services: [ChildProcess] = []
    private let busEnvironment: [String: String]
    /// The keyed stack's key pairs and access list; nil for plain TCP.
    public let keys: StackKeys?
    /// The PostgreSQL database of each service that has one (see `database(_:)`).
    private let databases = Mutex<[String: String]>([:])

    /// - Parameters:
    ///   - busEnvironment: extra environment for the bus process.
    ///   - peers: for a keyed stack, every peer's rights (`client` for the test's own client).
    ///   - standby: run a second broker and give every process both.
    public init(busEnvironment: [String: String] = [:], peers: [AccessList.Peer.Rights]? = nil, standby: Bool = false)
        async throws
    {
        endpoint = try freeEndpoint()
        eventsIn = try freeEndpoint()
        eventsOut = try freeEndpoint()
        standbyEndpoints = standby ? [try freeEndpoint(), try freeEndpoint(), try freeEndpoint()] : []
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let keyDirectory = dataDirectory.appendingPathComponent("keys")
        let keys = try peers.map { try StackKeys.generate(peers: $0, in: keyDirectory) }
        self.keys = keys
        self.busEnvironment = busEnvironment.merging(keys?.busEnvironment ?? [:]) { $1 }
        broker = try ChildProcess(
            "bus", ["--endpoint", endpoint, "--events-in", eventsIn, "--events-out", eventsOut],
            environment: Self.heartbeats.merging(self.busEnvironment) { $1 })
        if standby {
            standbyBroker = try ChildProcess(
                "bus",
                [
                    "--endpoint", standbyEndpoints[0], "--events-in", standbyEndpoints[1], "--events-out",
                    standbyEndpoints[2],
                ],
                environment: Self.heartbeats.merging(self.busEnvironment) { $1 })
        }
        let credentials = try keys?.credentials(for: "client")
        for broker in [endpoint] + standbyEndpoints.prefix(1) {
            let probe = BusClient(endpoint: broker, defaultTimeout: .seconds(1), credentials: credentials)
            do {
                try await waitUntil("the bus at \(broker) answers") {
                    try await probe.call(BusAPI.health, HealthRequest(), options: .init(timeout: .milliseconds(200)))
                        .status == .serving
                }
            } catch {
                await probe.close()
                throw error
            }
            await probe.close()
        }
        client = BusClient(
            endpoint: ([endpoint] + standbyEndpoints.prefix(1)).joined(separator: ","), defaultTimeout: .seconds(15),
            credentials: credentials)
    }

    /// Every broker's endpoint of kind 0 (bus), 1 (events in) or 2 (events out), as the list processes get.
    private func endpoints(_ kind: Int) -> String {
        ([[endpoint, eventsIn, eventsOut][kind]] + (standbyEndpoints.isEmpty ? [] : [standbyEndpoints[kind]]))
            .joined(separator: ",")
    }

    static let heartbeats = ["GLIMLACH_HEARTBEAT_MS": "100", "GLIMLACH_LIVENESS": "3"]

    /// The environment a service process of this stack gets.
    public var environment: [String: String] {
        Self.heartbeats.merging([
            "GLIMLACH_BUS_ENDPOINT": endpoints(0), "GLIMLACH_EVENTS_IN": endpoints(1),
            "GLIMLACH_EVENTS_OUT": endpoints(2),
            "GLIMLACH_DATA_DIR": dataDirectory.path, "GLIMLACH_LOG_LEVEL": "warning",
        ]) { $1 }
    }

    /// Starts the executable `product` (e.g. "staff") and waits until `service`
    /// answers `Health` through the bus.
    @discardableResult
    public func start(
        _ product: String, service: String? = nil, arguments: [String] = [], environment extra: [String: String] = [:],
        timeout: Duration = .seconds(10)
    ) async throws -> ChildProcess {
        let process = try await launch(product, arguments: arguments, environment: extra)
        let service = service ?? product
        try await waitUntil("\(service) answers Health", timeout: timeout) { [client] in
            try await client.call(Method.health(service), HealthRequest(), options: .init(timeout: .milliseconds(300)))
                .status == .serving
        }
        return process
    }

    /// Starts the executable `product` with the stack's environment and `extra`,
    /// without waiting for it (the web front answers over HTTP, not the bus).
    public func launch(_ product: String, arguments: [String] = [], environment extra: [String: String] = [:])
        async throws -> ChildProcess
    {
        let backend = try await postgresDatabase(product).map { ["GLIMLACH_DATABASE_URL": $0] } ?? [:]
        let process = try ChildProcess(
            product, arguments,
            environment: environment.merging(keys?.environment(for: product) ?? [:]) { $1 }.merging(backend) { $1 }
                .merging(extra) { $1 })
        services.append(process)
        return process
    }

    /// The database the service `product` of this stack keeps its data in: on
    /// PostgreSQL runs a database of its own on the tests' server (when the
    /// service has that backend), made on first use; else its SQLite file in
    /// `dataDirectory`.
    public func database(_ product: String) async throws -> String {
        try await postgresDatabase(product) ?? dataDirectory.appendingPathComponent("\(product).sqlite").path
    }

    private func postgresDatabase(_ product: String) async throws -> String? {
        guard TestBackend.keepsPostgres(product) else { return nil }
        if let url = databases.withLock({ $0[product] }) { return url }
        let url = try await TestPostgres.freshDatabase()
        return databases.withLock { databases in
            if let first = databases[product] { return first }
            databases[product] = url
            return url
        }
    }

    /// Kills the bus with SIGKILL and starts a new one on the same endpoints.
    public func restartBroker(after pause: Duration = .milliseconds(200)) async throws {
        await broker.kill()
        try await Task.sleep(for: pause)
        broker = try ChildProcess(
            "bus", ["--endpoint", endpoint, "--events-in", eventsIn, "--events-out", eventsOut],
            environment: Self.heartbeats.merging(busEnvironment) { $1 })
    }

    /// Kills the second broker with SIGKILL (see `standby`).
    public func killStandbyBroker() async {
        await standbyBroker?.kill()
    }

    /// Starts the second broker again on its endpoints after `killStandbyBroker()`.
    public func restartStandbyBroker() throws {
        guard standbyEndpoints.count == 3 else { return }
        standbyBroker = try ChildProcess(
            "bus",
            [
                "--endpoint", standbyEndpoints[0], "--events-in", standbyEndpoints[1], "--events-out",
                standbyEndpoints[2],
            ],
            environment: Self.heartbeats.merging(busEnvironment) { $1 })
    }

    /// Stops every service (SIGTERM), then the bus, and removes the data.
    public func shutdown() async {
        for service in services.reversed() where service.isRunning { await service.terminate() }
        await client.close()
        await broker.terminate()
        await standbyBroker?.terminate()
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}

extension ProcessStack {
    /// Runs `body` with a new stack and shuts the stack down afterwards, also when
    /// `body` throws.
    public static func run(standby: Bool = false, _ body: (ProcessStack) async throws -> Void) async throws {
        let stack = try await ProcessStack(standby: standby)
        do {
            try await body(stack)
        } catch {
            await stack.shutdown()
            throw error
        }
        await stack.shutdown()
    }
}

extension BusClient {
    /// Every event `service` committed, read through its `Since` a page at a time.
    public func events(of service: String) async throws -> [Event] {
        let since = Method<SinceRequest, SinceReply>(service: service, name: "Since", idempotent: true)
        var events: [Event] = []
        while true {
            let page = try await call(since, SinceRequest(after_sequence: events.last?.sequence ?? 0, limit: 500))
            events += page.events
            if page.events.isEmpty { return events }
        }
    }
}

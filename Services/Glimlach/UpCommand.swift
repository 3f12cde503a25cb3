import ArgumentParser
import Bus
import Foundation
import ServiceKit
import Stack

/// `glimlach up`: the compose stack as native processes on loopback.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start the local stack (bus, services, analytics workers) as native processes on loopback.",
        discussion: """
            Reads the same definition as compose/docker-compose.yml. Data (SQLite) goes to --data-dir, \
            one folder per named volume. Logs are prefixed with the process name. A process that exits \
            is reported and, as its compose restart policy says, started again after 1 s, then 2, 4 \
            and so on up to 30 s (the wait starts over once it stayed up 30 s). Ctrl-C stops the \
            services first, then the bus. With --secure the bus requires CURVE: every process gets a key \
            pair of its own and the bus an access list with each service's x-glimlach-rights from the \
            compose file (written to DATA-DIR/keys, new on every start); `glimlach` itself gets the key \
            `glimlach` (call=*). Without it the bus is plain TCP on loopback (see SECURITY.md). \
            With --standby a second broker runs on ports 5565-5567 and every process is connected to \
            both: when one dies, calls and events go on through the other (docs/operating.md). \
            With --postgres a private PostgreSQL cluster runs in DATA-DIR/postgres on 127.0.0.1, port \
            5570 (plus --port-offset), before the services and stopped after them; each service with a \
            database (tickets, staff, channels, feedback, webhooks) gets a database of its name and \
            GLIMLACH_DATABASE_URL instead of its SQLite file. As root, PostgreSQL runs as the postgres user (scripts/bootstrap installs it).
            """)

    @Option(help: "Where the services keep their data.") var dataDir = "data"
    @Option(help: "Number of analytics workers.") var analyticsWorkers = 1
    @Option(help: "The compose file that defines the stack.") var compose = "compose/docker-compose.yml"
    @Option(help: "Directory with the built executables (default: beside glimlach).") var binDir: String?
    @Option(help: "First port for the processes' Prometheus metrics (one port each, in start order); 0 turns them off.")
    var metricsPort = 9100
    @Option(
        help:
            "Move the stack's ports (compose: bus 5555-5557, web 8080, gateway 8070, channels 8090) by this much, e.g. to run a second stack."
    )
    var portOffset = 0
    @Flag(help: "Load generated demo data once the stack serves, and print a report.") var demo = false
    @Flag(help: "Run a keyed stack: CURVE with a key pair per process and a least-privilege access list.")
    var secure = false
    @Flag(
        help:
            "Run a second broker (bus-standby, ports 5565-5567) and connect every process to both, so the stack survives a broker's death."
    )
    var standby = false
    @Flag(
        help:
            "Run PostgreSQL (DATA-DIR/postgres, port 5570) and give the services with a database (tickets, staff, channels, feedback, webhooks) one there."
    )
    var postgres = false

    func validate() throws {
        guard analyticsWorkers >= 0 else { throw ValidationError("--analytics-workers must be 0 or more") }
        guard (0...50_000).contains(portOffset) else { throw ValidationError("--port-offset must be 0...50000") }
    }

    func run() async throws {
        let definition = try StackDefinition(contentsOf: URL(fileURLWithPath: compose))
        let data = URL(fileURLWithPath: dataDir).standardizedFileURL
        do {
            for directory in definition.volumeDirectories(in: data) { try DataDirectory.prepare(directory.path) }
        } catch {
            printError("\(error)")
            throw ExitCode(1)
        }
        let ports = Dictionary(
            uniqueKeysWithValues: [5555, 5556, 5557, 8080, 8070, 8090].map { ($0, $0 + portOffset) })
        let keys = secure ? try StackKeys.generate(for: definition, in: data.appendingPathComponent("keys")) : nil
        let gatewayToken = GatewayToken.fromEnvironmentOrNew()
        let plain = definition.native(
            dataDirectory: data, ports: ports, replicas: ["analytics": analyticsWorkers],
            metricsBasePort: metricsPort > 0 ? metricsPort : nil
        ).map { service in
            switch service.service {
            // The demo's customers answer at once rather than a day after their contact.
            case "feedback" where demo: service.adding(environment: ["GLIMLACH_FEEDBACK_SURVEY_DELAY_MS": "0"])
            case "gateway": service.adding(environment: [GatewayToken.variable: gatewayToken])
            default: service
            }
        }
        let cluster =
            postgres
            ? try LocalPostgres(directory: data.appendingPathComponent("postgres"), port: 5570 + portOffset) : nil
        let stores = cluster.map { plain.withDatabases(on: $0) } ?? plain
        let brokers = standby ? stores.withStandbyBroker() : stores
        let services = keys?.keyed(brokers) ?? brokers
        let width = services.map(\.name.count).max() ?? 0
        let printer = LinePrinter()
        let runner = StackRunner(binDirectory: binDirectory) { name, line in
            printer.print(name.padding(toLength: width, withPad: " ", startingAt: 0) + " | " + line)
        }
        guard let endpoint = services.first(where: { $0.service != "bus" })?.environment["GLIMLACH_BUS_ENDPOINT"] else {
            throw StackError("no service names GLIMLACH_BUS_ENDPOINT in \(compose)")
        }
        let signIn = demo ? try DemoSignIn.prepare(services, binDirectory: binDirectory) : nil
        let operatorName = StackDefinition.operatorRights.name
        let client = BusClient(
            endpoint: endpoint, defaultTimeout: .seconds(10), credentials: try keys?.credentials(for: operatorName))
        let signals = SignalWaiter()
        do {
            if let cluster { try await startPostgres(cluster, printer) }
            for service in services {
                try await runner.start(service, client: client)
                printer.print("glimlach up: \(service.name) is serving")
            }
        } catch {
            printer.print("glimlach up: \(error); stopping")
            await runner.stopAll()
            await client.close()
            await cluster?.stop()
            throw ExitCode(1)
        }
        for service in services {
            guard let metrics = service.environment["GLIMLACH_METRICS_ENDPOINT"] else { continue }
            printer.print(
                "glimlach up: \(service.name) metrics at \(metrics.replacingOccurrences(of: "tcp://", with: "http://"))/metrics"
            )
        }
        printer.print("glimlach up: the stack serves on \(endpoint), data in \(data.path). Ctrl-C stops it.")
        if let gateway = services.first(where: { $0.service == "gateway" }) {
            let port = gateway.environment["GLIMLACH_GATEWAY_PORT"] ?? "8070"
            printer.print(
                "glimlach up: the HTTP API at http://127.0.0.1:\(port)/v1/ (spec: /openapi.json, docs/api.md); "
                    + "send Authorization: Bearer \(gatewayToken)")
        }
        if let keys {
            let settings = keys.environment(for: operatorName).sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value)" }
            printer.print(
                "glimlach up: keyed (CURVE); access list \(keys.directory.path)/access-list. "
                    + "Call it with \(settings.joined(separator: " ")) glimlach ...")
        }
        // Restarts a process that exits, as its compose restart policy says.
        let supervisor = Task { await runner.supervise(client: client) { printer.print("glimlach up: \($0)") } }
        if demo {
            printer.print("glimlach up: loading demo data")
            do {
                let report = try await Demo(
                    client: client, tickets: 300, days: 14, historyWeeks: 8, seed: 2026, concurrency: 8
                ).run()
                printer.print(report)
                printer.print(
                    "\nglimlach up: demo loaded. Try `glimlach services`, `glimlach call analytics GetNps '{}'`, or `glimlach demo` for more."
                )
                if let signIn {
                    try await signIn.setPasswords(client)
                    printer.print("glimlach up: \(signIn.line)")
                }
            } catch {
                printer.print("glimlach up: the demo failed: \(error); the stack keeps running")
            }
        }
        await signals.wait()
        printer.print("glimlach up: stopping services, then the bus\(cluster == nil ? "" : ", then PostgreSQL")")
        supervisor.cancel()
        await supervisor.value
        await client.close()
        await runner.stopAll()
        if let cluster {
            await cluster.stop()
            printer.print("glimlach up: PostgreSQL stopped")
        }
    }

    /// Starts the stack's PostgreSQL and makes each PostgreSQL service's database.
    private func startPostgres(_ cluster: LocalPostgres, _ printer: LinePrinter) async throws {
        try await cluster.start()
        for name in StackDefinition.postgresServices { try await cluster.createDatabase(name) }
        printer.print(
            "glimlach up: PostgreSQL serves on 127.0.0.1:\(cluster.port), data in \(cluster.directory.path), "
                + "databases \(StackDefinition.postgresServices.joined(separator: ", ")) (log: \(cluster.logFile.path))"
        )
    }

    private var binDirectory: URL {
        if let binDir { return URL(fileURLWithPath: binDir) }
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return me.deletingLastPathComponent()
    }
}

/// Serializes lines from several processes onto standard output.
final class LinePrinter: Sendable {
    private let lock = NSLock()

    func print(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// Waits for SIGINT or SIGTERM.
final class SignalWaiter: @unchecked Sendable {
    private let sources: [DispatchSourceSignal]
    private let stream: AsyncStream<Void>

    init() {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        self.stream = stream
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
    }

    func wait() async {
        for await _ in stream { return }
    }
}

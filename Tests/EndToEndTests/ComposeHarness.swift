import Bus
import Foundation
import Stack
import Synchronization
import TestSupport

/// The stack of compose/docker-compose.yml as native processes on free loopback
/// ports, with its data in a temporary directory: the integration tests' world.
/// Analytics replicas beyond the first are prepared but started by the test.
final class ComposeHarness: Sendable {
    let client: BusClient
    let runner: StackRunner
    let dataDirectory: URL
    private let services: [NativeService]
    private let log = LogTail()

    static let composeFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("compose/docker-compose.yml")

    /// Starts everything but the extra analytics replicas and waits until each serves.
    init(analyticsReplicas: Int = 1) async throws {
        let definition = try StackDefinition(contentsOf: Self.composeFile)
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glimlach-e2e-\(UUID().uuidString)")
        for directory in definition.volumeDirectories(in: dataDirectory) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        var ports: [Int: Int] = [:]
        for composePort in [5555, 5556, 5557, 8080, 8070, 8090] {
            ports[composePort] = Int(try freeEndpoint().split(separator: ":").last!)!
        }
        services = definition.native(
            dataDirectory: dataDirectory, ports: ports, replicas: ["analytics": analyticsReplicas]
        )
        .map {
            // Fast heartbeats, and surveys that customers can answer at once.
            $0.adding(environment: [
                "GLIMLACH_HEARTBEAT_MS": "200", "GLIMLACH_LOG_LEVEL": "warning",
                "GLIMLACH_FEEDBACK_SURVEY_DELAY_MS": "0", "GLIMLACH_FEEDBACK_FOLLOW_UP_RETRY_MS": "200",
            ])
        }
        client = BusClient(endpoint: "tcp://127.0.0.1:\(ports[5555]!)", defaultTimeout: .seconds(15))
        runner = StackRunner(binDirectory: ChildProcess.binDirectory) { [log] name, line in
            log.append("\(name) | \(line)")
        }
        for service in services where !service.name.hasPrefix("analytics-") || service.name == "analytics-1" {
            try await runner.start(service, client: client)
        }
    }

    /// Starts a prepared process, e.g. "analytics-2".
    func start(_ name: String) async throws {
        guard let service = services.first(where: { $0.name == name }) else { throw StackError("no process \(name)") }
        try await runner.start(service, client: client)
    }

    /// The last lines the processes logged (for a failing test's report).
    var recentLog: String { log.text }

    /// Stops the services, then the bus, and removes the data.
    func shutdown() async {
        await client.close()
        await runner.stopAll(grace: .seconds(5))
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}

/// The last lines the stack's processes printed.
final class LogTail: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) {
        lines.withLock { lines in
            lines.append(line)
            if lines.count > 300 { lines.removeFirst(lines.count - 300) }
        }
    }

    var text: String { lines.withLock { $0.joined(separator: "\n") } }
}

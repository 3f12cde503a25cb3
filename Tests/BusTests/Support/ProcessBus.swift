import TestSupport
import Bus
import Foundation

/// The real `bus` binary and `bus-test-worker` processes on loopback, with fast
/// heartbeats (100 ms x 3) so dead workers are noticed within a second.
final class ProcessBus: @unchecked Sendable {
    let endpoint: String
    let broker: ChildProcess
    let client: BusClient
    private var workers: [ChildProcess] = []
    static let environment = ["GLIMLACH_HEARTBEAT_MS": "100", "GLIMLACH_LIVENESS": "3"]

    init() async throws {
        endpoint = try freeEndpoint()
        broker = try ChildProcess(
            "bus",
            ["--endpoint", endpoint, "--events-in", try freeEndpoint(), "--events-out", try freeEndpoint()],
            environment: Self.environment)
        client = BusClient(endpoint: endpoint, defaultTimeout: .seconds(5))
        try await waitUntil("the bus answers") { [client] in
            try await client.call(BusAPI.health, HealthRequest(), options: .init(timeout: .milliseconds(200)))
                .status == .serving
        }
    }

    /// Starts a worker process for `service` and waits until the broker counts it.
    @discardableResult
    func startWorker(_ service: String, concurrency: Int = 1) async throws -> ChildProcess {
        let before = try await workerCount(service)
        let worker = try ChildProcess(
            "bus-test-worker", [endpoint, service, String(concurrency)], environment: Self.environment)
        workers.append(worker)
        try await waitUntil("\(service) has \(before + 1) workers") { try await self.workerCount(service) > before }
        return worker
    }

    func workerCount(_ service: String) async throws -> UInt32 {
        try await listing()[service]?.workers ?? 0
    }

    func listing() async throws -> [String: ServiceInfo] {
        let reply = try await client.call(BusAPI.listServices, ListServicesRequest())
        return Dictionary(uniqueKeysWithValues: reply.services.map { ($0.name, $0) })
    }

    /// Calls the test worker's `Work` method, which sleeps `delayMs` and answers with its pid.
    func work(_ service: String, delayMs: Int, timeout: Duration, idempotent: Bool = false) async throws -> String {
        let method = Method<HealthRequest, HealthReply>(service: service, name: "Work", idempotent: idempotent)
        let reply = try await client.call(
            method, HealthRequest(), options: .init(timeout: timeout, metadata: ["delay_ms": String(delayMs)]))
        return reply.version ?? ""
    }

    func shutdown() async {
        for worker in workers where worker.isRunning { await worker.terminate() }
        await client.close()
        await broker.terminate()
    }
}

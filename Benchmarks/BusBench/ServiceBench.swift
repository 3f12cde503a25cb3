import Bus
import Foundation

/// A bench that runs service executables as their own processes on its in-process
/// broker, sharing one fresh data directory.
protocol ServiceBench {
    static var callers: Int { get }
    var client: BusClient { get }
    /// The folder with the service executables.
    var binaries: URL { get }
    var endpoints: BrokerEndpoints { get }
    var dataDirectory: URL { get }
}

extension ServiceBench {
    /// Starts the executable `product` on the broker, serving `callers` requests at
    /// once, with `environment` added to this process's.
    func start(_ product: String, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.executableURL = binaries.appendingPathComponent(product)
        process.arguments = [
            "--bus", endpoints.requests, "--events-in", endpoints.eventsIn, "--events-out", endpoints.eventsOut,
            "--data-dir", dataDirectory.path, "--log-level", "error", "--concurrency", "\(Self.callers)",
        ]
        try process.run()
        return process
    }

    /// Waits (at most 60 s) until `service` has a worker on the broker.
    func waitFor(_ service: String) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if (try? await client.hasWorkers(service: service)) == true { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw RPCError(.unavailable, "\(service) did not register within 60 s")
    }
}

/// What a load of calls acknowledged, how many failed, and how long it ran.
struct LoadOutcome<Acknowledged: Sendable>: Sendable {
    var acknowledged: [Acknowledged] = []
    var failures = 0
    var elapsed = 0.0
}

extension ServiceBench {
    /// `callers` tasks making calls one after another for `seconds`; `call` gets its
    /// caller and the call's number (from 0) and returns what was acknowledged (nil
    /// or a throw counts as a failure).
    func load<Acknowledged: Sendable>(
        seconds: Double, _ call: @escaping @Sendable (_ caller: Int, _ number: Int) async throws -> Acknowledged?
    ) async throws -> LoadOutcome<Acknowledged> {
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + .milliseconds(Int(seconds * 1000))
        var outcome = try await withThrowingTaskGroup(of: LoadOutcome<Acknowledged>.self) { group in
            for caller in 0..<Self.callers {
                group.addTask {
                    var mine = LoadOutcome<Acknowledged>()
                    var number = 0
                    while clock.now < end {
                        defer { number += 1 }
                        if let acknowledged = try? await call(caller, number) {
                            mine.acknowledged.append(acknowledged)
                        } else {
                            mine.failures += 1
                        }
                    }
                    return mine
                }
            }
            return try await group.reduce(into: LoadOutcome<Acknowledged>()) {
                $0.acknowledged += $1.acknowledged
                $0.failures += $1.failures
            }
        }
        let elapsed = clock.now - start
        outcome.elapsed = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return outcome
    }
}

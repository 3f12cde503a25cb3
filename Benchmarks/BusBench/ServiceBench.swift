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

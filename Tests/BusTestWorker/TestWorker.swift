import Bus
import Foundation
import Logging
import ServiceLifecycle

/// A worker process for the bus tests: serves "Health" and "Work" for the service
/// named on the command line. "Work" sleeps for the call's `delay_ms` metadata and
/// answers with this process's pid, so tests can see who served a call and can kill
/// a worker in the middle of one.
///
///     bus-test-worker <endpoint> <service> [concurrency]
///
/// Heartbeat settings come from GLIMLACH_HEARTBEAT_MS and GLIMLACH_LIVENESS.
@main
enum TestWorker {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 3 else {
            FileHandle.standardError.write(Data("usage: bus-test-worker <endpoint> <service> [concurrency]\n".utf8))
            exit(2)
        }
        let service = arguments[2]
        var configuration = WorkerConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
        configuration.endpoint = arguments[1]
        configuration.concurrency = arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1
        let pid = "pid:\(getpid())"
        var router = ServiceRouter(service: service)
        router.register(.health(service)) { _, _ in HealthReply(service: service, status: .serving, version: pid) }
        router.register(Method<HealthRequest, HealthReply>(service: service, name: "Work")) { _, context in
            let delay = UInt64(context.metadata["delay_ms"] ?? "0") ?? 0
            try await Task.sleep(for: .milliseconds(delay))
            return HealthReply(service: service, status: .serving, version: pid)
        }
        let logger = Logger(label: "bus-test-worker")
        let worker = BusWorker(router: router, configuration: configuration, logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [worker], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

import AnalyticsCore
import Bus
import Contract
import Domain
import Foundation
import Logging

/// Queries per second through a real broker (tcp loopback, in this process) with
/// `workers` analytics workers over one loaded read model. Each worker serves one
/// query at a time, as a single-core process would, so the figure shows what adding
/// workers buys until the machine's cores run out.
func busThroughput(model: AnalyticsReadModel, workers: Int, window: TimeWindow, duration: Duration) async throws
    -> Double
{
    var quiet = Logger(label: "bench")
    quiet.logLevel = .critical
    let broker = Broker(configuration: .ephemeral(), logger: quiet)
    let endpoints = try await broker.start()
    var started: [BusWorker] = []
    for number in 0..<workers {
        var configuration = WorkerConfiguration(endpoint: endpoints.requests)
        configuration.concurrency = 1
        configuration.credentials = nil
        let worker = BusWorker(
            router: makeAnalyticsRouter(model: model, workerID: "bench-\(number)"), configuration: configuration,
            logger: quiet)
        worker.start()
        started.append(worker)
    }
    let client = BusClient(endpoint: endpoints.requests, defaultTimeout: .seconds(30), credentials: nil, logger: quiet)
    while try await client.call(BusAPI.listServices, ListServicesRequest()).services.first?.workers ?? 0 < workers {
        try await Task.sleep(for: .milliseconds(20))
    }
    let request = Analytics.GetNpsRequest(window: window, group_by: [.channel, .country])
    let clock = ContinuousClock()
    let end = clock.now + duration
    let began = clock.now
    let completed = try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<(4 * workers) {
            group.addTask {
                var count = 0
                while clock.now < end {
                    _ = try await client.call(Analytics.getNps, request)
                    count += 1
                }
                return count
            }
        }
        return try await group.reduce(0, +)
    }
    let elapsed = clock.now - began
    for worker in started { await worker.stop() }
    await client.close()
    await broker.stop()
    return Double(completed) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

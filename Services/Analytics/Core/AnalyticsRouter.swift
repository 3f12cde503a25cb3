import Bus
import Contract
import Foundation

/// Every method of `service Analytics` on `model`: Health here, the rest by
/// `AnalyticsHandlers`; the executable and the tests build the router the same way.
/// Every method only reads; every query is held to `limits` before it computes.
package func makeAnalyticsRouter(
    model: AnalyticsReadModel, workerID: String = AnalyticsWorker.defaultID, limits: AnalyticsLimits = AnalyticsLimits()
) -> ServiceRouter {
    var router = ServiceRouter(service: Analytics.service)
    // Queries compute over the read model (milliseconds) before they return: run
    // them side by side on the pool, not one after another on the worker's thread.
    router.handlerStart = .taskPool
    router.register(Analytics.health) { _, _ in
        HealthReply(
            service: Analytics.service, status: model.isReady ? .serving : .notServing,
            version: GlimlachRelease.version, uptime_ms: UInt64(max(0, model.clock().unixMs - model.startedAtMs)),
            last_sequence: model.read { state in state.positions.values.reduce(0, +) })
    }
    router.register(AnalyticsHandlers(model: model, workerID: workerID, limits: limits))
    return router
}

/// Names of this worker process.
package enum AnalyticsWorker {
    /// "<host>-<pid>".
    package static let defaultID = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
}

extension AnalyticsReadModel {
    /// Runs a report on a consistent state; UNAVAILABLE until caught up.
    package func query<T>(_ body: (borrowing ReadModelState) throws -> T) throws -> T {
        guard isReady else { throw RPCError(.unavailable, "analytics is still catching up with its sources") }
        return try read(body)
    }

    /// How far the read model is, per source.
    func status(workerID: String) -> Analytics.ReadModelStatusReply {
        let ready = readyAt
        return read { state in
            Analytics.ReadModelStatusReply(
                ready: ready != nil, worker_id: workerID,
                sources: ReadModelState.sources.map { source in
                    Analytics.SourceStatus(
                        service: source, consumed_sequence: state.positions[source] ?? 0,
                        source_sequence: state.positions[source] ?? 0, live: ready != nil, gaps_replayed: 0,
                        last_event_at_ms: state.lastEventAtMs[source])
                },
                position: state.position, started_at_ms: startedAtMs, ready_at_ms: ready)
        }
    }
}

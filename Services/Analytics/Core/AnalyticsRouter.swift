import Bus
import Contract
import Foundation

/// Every method of `service Analytics` on `model`; the executable and the tests
/// build the router the same way. Every method only reads; every query is held to
/// `limits` before it computes.
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
    func report<Request: WindowedRequest, Reply>(
        _ method: Method<Request, Reply>,
        _ body: @escaping @Sendable (borrowing ReadModelState, Request, Int64) throws -> Reply
    ) {
        router.registerReport(method, model: model, limits: limits, body)
    }
    report(Analytics.getNps) { state, request, _ in try state.nps(request) }
    report(Analytics.getTrend) { state, request, now in try state.trend(request, nowMs: now) }
    // Personal figures follow the acting employee's rights (`PersonalNpsRights`).
    router.register(Analytics.getPersonalNpsRanking, limits: limits) { request, context in
        let request = request.withDefaultWindow(now: model.clock())
        return try model.query { try $0.personalNpsRanking(request, actor: context.actor) }
    }
    report(Analytics.getFirstResponseFigures) { state, request, now in
        try state.firstResponseFigures(request, nowMs: now)
    }
    report(Analytics.getFirstContactResolution) { state, request, _ in try state.firstContactResolution(request) }
    report(Analytics.getEscalations) { state, request, _ in try state.escalations(request) }
    report(Analytics.getGoodwillSpend) { state, request, _ in try state.goodwillSpend(request) }
    report(Analytics.getFollowUpFigures) { state, request, now in try state.followUpFigures(request, nowMs: now) }
    report(Analytics.getComplimentFigures) { state, request, _ in try state.complimentFigures(request) }
    router.register(Analytics.getEngagement, limits: limits) { request, _ in
        let now = model.clock()
        return try model.query { try $0.engagement(request, now: now) }
    }
    router.register(Analytics.exportReport, limits: limits) { request, context in
        let now = model.clock()
        return try model.query { try $0.export(request, now: now, actor: context.actor) }
    }
    router.register(Analytics.readModelStatus) { _, _ in model.status(workerID: workerID) }
    return router
}

extension ServiceRouter {
    /// A report over a window, answered the same way by every report method: an
    /// unset window is the last 30 days up to the model's clock, which is also the
    /// `now` (Unix ms) open items are judged at; it runs on a consistent state, held
    /// to `limits`.
    mutating func registerReport<Request: WindowedRequest, Reply>(
        _ method: Method<Request, Reply>, model: AnalyticsReadModel, limits: AnalyticsLimits,
        _ body: @escaping @Sendable (borrowing ReadModelState, Request, Int64) throws -> Reply
    ) {
        register(method, limits: limits) { request, _ in
            let now = model.clock()
            let request = request.withDefaultWindow(now: now)
            return try model.query { try body($0, request, now.unixMs) }
        }
    }
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

import AnalyticsCore
import ArgumentParser
import Bus
import ServiceKit
import ServiceLifecycle

/// `analytics`: an analytics worker, serving proto/analytics.proto on the bus.
///
/// It owns no data: it builds its read model from the events of staff, tickets and
/// feedback (catch-up through each `Since`, then the live stream), and registers
/// with the broker only once caught up. Start more processes to scale; any worker
/// answers any query.
///
/// It starts from its snapshot (`analytics.snapshot` in the data directory) when
/// there is a usable one and catches up from the positions it reflects, and writes
/// a new one every `--snapshot-interval` seconds when events arrived, and at a
/// clean shutdown (`SnapshotSchedule`). Workers may share the directory.
///
/// Configuration keys:
/// - `--snapshot-interval` (GLIMLACH_ANALYTICS_SNAPSHOT_SECONDS, default 300):
///   seconds between snapshots; 0 turns snapshots off (none read, none written).
/// - `--max-window-days` (GLIMLACH_ANALYTICS_MAX_WINDOW_DAYS, default 1096).
/// - the `ServiceOptions`, among them `--data-dir` (GLIMLACH_DATA_DIR) for the snapshot.
@main
struct AnalyticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytics", abstract: "Run a Glimlach analytics worker.")

    @OptionGroup var options: ServiceOptions

    @Option(help: "Longest window a query may ask for, in days (env GLIMLACH_ANALYTICS_MAX_WINDOW_DAYS).")
    var maxWindowDays = Int(environmentValue("GLIMLACH_ANALYTICS_MAX_WINDOW_DAYS", "1096")) ?? 1096

    @Option(
        help:
            "Seconds between read model snapshots in the data directory; 0 turns them off (env GLIMLACH_ANALYTICS_SNAPSHOT_SECONDS)."
    )
    var snapshotInterval = Int(environmentValue("GLIMLACH_ANALYTICS_SNAPSHOT_SECONDS", "300")) ?? 300

    func validate() throws {
        guard snapshotInterval >= 0 else { throw ValidationError("--snapshot-interval: must be 0 or more seconds") }
    }

    func run() async throws {
        let host = ServiceHost(name: "analytics", options: options)
        let file = snapshotFile(host)
        let (state, outcome) = try await WorkerStart.initialState(file: file, client: host.client)
        switch outcome {
        case .none: host.logger.info("no read model snapshot: building from the events")
        case .loaded(let positions):
            host.logger.info("read model snapshot loaded", metadata: ["positions": "\(positions)"])
        case .ignored(let reason):
            host.logger.warning(
                "read model snapshot ignored: building from the events", metadata: ["reason": "\(reason)"])
        }
        let model = AnalyticsReadModel(state: state)
        let loadedPositions = model.positions
        let feed = EventFeed(
            services: ReadModelState.sources, client: host.client, eventsEndpoint: options.eventsOut,
            positions: loadedPositions, logger: host.logger
        ) { event in model.apply(event) }
        try await feed.catchUp()
        model.markReady()
        host.logger.info("read model caught up", metadata: ["positions": "\(feed.positions)"])
        let router = makeAnalyticsRouter(model: model, limits: AnalyticsLimits(maxWindowDays: maxWindowDays))
        var services: [any Service] = [feed]
        if let file {
            services.append(
                SnapshotSchedule(
                    model: model, file: file, interval: .seconds(snapshotInterval), saved: loadedPositions,
                    logger: host.logger))
        }
        try await host.run(router: router, extraServices: services)
    }

    /// The snapshot in the data directory; nil when snapshots are off or the
    /// directory cannot be used (the worker then rebuilds on every start, as it
    /// owns no data).
    private func snapshotFile(_ host: ServiceHost) -> SnapshotFile? {
        guard snapshotInterval > 0 else { return nil }
        do {
            try DataDirectory.prepare(options.dataDir)
        } catch {
            host.logger.warning("read model snapshots off", metadata: ["error": "\(error)"])
            return nil
        }
        return SnapshotFile(directory: options.dataDir)
    }
}

import AnalyticsCore
import ArgumentParser
import Bus
import ServiceKit

/// `analytics`: an analytics worker, serving proto/analytics.proto on the bus.
///
/// It owns no data: it builds its read model from the events of staff, tickets and
/// feedback (catch-up through each `Since`, then the live stream), and registers
/// with the broker only once caught up. Start more processes to scale; any worker
/// answers any query.
@main
struct AnalyticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytics", abstract: "Run a Glimlach analytics worker.")

    @OptionGroup var options: ServiceOptions

    @Option(help: "Longest window a query may ask for, in days (env GLIMLACH_ANALYTICS_MAX_WINDOW_DAYS).")
    var maxWindowDays = Int(environmentValue("GLIMLACH_ANALYTICS_MAX_WINDOW_DAYS", "1096")) ?? 1096

    func run() async throws {
        let host = ServiceHost(name: "analytics", options: options)
        let model = AnalyticsReadModel()
        let feed = EventFeed(
            services: ReadModelState.sources, client: host.client, eventsEndpoint: options.eventsOut,
            logger: host.logger
        ) { event in model.apply(event) }
        try await feed.catchUp()
        model.markReady()
        host.logger.info("read model caught up", metadata: ["positions": "\(feed.positions)"])
        let router = makeAnalyticsRouter(model: model, limits: AnalyticsLimits(maxWindowDays: maxWindowDays))
        try await host.run(router: router, extraServices: [feed])
    }
}

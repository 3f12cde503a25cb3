import ArgumentParser
import Bus
import ServiceKit

/// `analytics`: an analytics worker, serving proto/analytics.proto on the bus.
@main
struct AnalyticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytics", abstract: "Run a Glimlach analytics worker.")

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        let host = ServiceHost(name: "analytics", options: options)
        let store = try SQLiteStore(
            path: options.databasePath("analytics"), service: "analytics", migrations: [], publish: host.publish)
        var router = ServiceRouter(service: "analytics")
        host.registerStandardMethods(on: &router, store: store)
        try await host.run(router: router)
    }
}

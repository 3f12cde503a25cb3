import ArgumentParser
import Bus
import ServiceKit

/// `feedback`: the feedback service, serving proto/feedback.proto on the bus.
@main
struct FeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback", abstract: "Run the Glimlach feedback service.")

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        let host = ServiceHost(name: "feedback", options: options)
        let store = try SQLiteStore(
            path: options.databasePath("feedback"), service: "feedback", migrations: [], publish: host.publish)
        var router = ServiceRouter(service: "feedback")
        host.registerStandardMethods(on: &router, store: store)
        try await host.run(router: router)
    }
}

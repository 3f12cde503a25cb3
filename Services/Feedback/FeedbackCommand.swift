import ArgumentParser
import Bus
import ServiceKit

/// `feedback`: the feedback service, serving proto/feedback.proto on the bus,
/// following tickets' events and delivering detractor follow-ups to tickets.
@main
struct FeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback", abstract: "Run the Glimlach feedback service.")

    @OptionGroup var options: ServiceOptions
    @OptionGroup var feedback: FeedbackOptions

    func run() async throws {
        let host = ServiceHost(name: "feedback", options: options)
        let store = try await FeedbackSQLStore.open(options.database("feedback"), publish: host.publish)
        let app = FeedbackApp(store: store, settings: feedback.settings, client: host.client, logger: host.logger)
        var router = app.router
        host.registerStandardMethods(on: &router, store: app.store.database)
        let feed = try await app.ticketFeed(client: host.client, eventsEndpoint: options.eventsOut, logger: host.logger)
        try await host.run(router: router, extraServices: [feed, app.followUps])
    }
}

import ArgumentParser
import Bus
import ServiceKit
import ServiceLifecycle

/// `webhooks`: signed HTTP POSTs of tickets' and feedback's public events to
/// subscribed URLs, serving proto/webhooks.proto on the bus (docs/webhooks.md), on
/// SQLite or, with `--database-url postgres://...`, PostgreSQL.
@main
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Run the Glimlach webhooks service.")

    @OptionGroup var options: ServiceOptions
    @OptionGroup var webhooks: WebhooksOptions

    func run() async throws {
        let host = ServiceHost(name: "webhooks", options: options)
        let store = try await WebhooksSQLStore.open(options.database("webhooks"), publish: host.publish)
        let app = WebhooksApp(store: store, settings: webhooks.settings, client: host.client, logger: host.logger)
        var router = app.router
        host.registerStandardMethods(on: &router, store: store.database)
        let feeds = try await app.eventFeeds(
            client: host.client, eventsEndpoint: options.eventsOut, logger: host.logger)
        try await host.run(router: router, extraServices: feeds + [app.deliveries])
    }
}

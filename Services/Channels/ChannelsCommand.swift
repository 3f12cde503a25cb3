import ArgumentParser
import Bus
import Contract
import Domain
import ServiceKit
import ServiceLifecycle

/// `channels`: customer messages in and out, serving proto/channels.proto on the
/// bus, following tickets' and feedback's events and delivering replies and surveys.
@main
struct ChannelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channels", abstract: "Run the Glimlach channels service.")

    @OptionGroup var options: ServiceOptions
    @OptionGroup var channels: ChannelsOptions

    func run() async throws {
        let host = ServiceHost(name: "channels", options: options)
        let store = try await ChannelsSQLStore.open(options.database("channels"), publish: host.publish)
        let app = ChannelsApp(
            store: store, settings: channels.settings, client: host.client,
            outlets: try channels.outlets(logger: host.logger), logger: host.logger)
        var router = app.router
        host.registerStandardMethods(on: &router, store: store.database)
        let feeds = try await app.eventFeeds(
            client: host.client, eventsEndpoint: options.eventsOut, logger: host.logger)
        var services: [any Service] = feeds + [app.deliveries]
        if let poller = try channels.mailboxPoller(handlers: app.handlers, logger: host.logger) {
            services.append(poller)
        }
        if channels.httpPort > 0 {
            services.append(
                WebhookServer.application(
                    host: channels.httpHost, port: channels.httpPort, meta: channels.metaWebhook,
                    handlers: app.handlers, logger: host.logger))
        }
        try await host.run(router: router, extraServices: services)
    }
}

import Bus
import Contract
import Domain
import Foundation
import Logging
import ServiceKit

/// The channels handlers, one extension per area in `Handlers/*.swift`: every method
/// of proto/channels.proto (the generated `Channels.Handler`), the intake every
/// channel's messages go through, and the events that queue deliveries.
struct ChannelsHandlers<Store: ChannelsStore>: Channels.Handler {
    let store: Store
    let desk: PeerServices
    var settings = ChannelsSettings()
}

/// Everything the channels process runs, built the same way by `ChannelsCommand`
/// and by the tests.
struct ChannelsApp: Sendable {
    let store: ChannelsSQLStore
    let handlers: ChannelsHandlers<ChannelsSQLStore>
    let router: ServiceRouter
    let deliveries: DeliveryWorker

    /// - Parameters:
    ///   - store: channels' database, SQLite or PostgreSQL.
    ///   - outlets: the connected ways out, by channel (none: nothing is sent, and
    ///     replies on those channels are SKIPPED saying so).
    init(
        store: ChannelsSQLStore, settings: ChannelsSettings, client: any RPCClient, outlets: [Channel: any Outlet],
        logger: Logger = Logger(label: "channels")
    ) {
        self.store = store
        handlers = ChannelsHandlers(store: store, desk: PeerServices(client: client), settings: settings)
        var router = ServiceRouter(service: Channels.service)
        router.register(handlers)
        self.router = router
        deliveries = DeliveryWorker(handlers: handlers, outlets: outlets, logger: logger)
    }

    /// Follow tickets' and feedback's events from the positions stored with the last
    /// applied ones, one feed each, so replies still go out while feedback is down
    /// (and surveys while tickets is).
    func eventFeeds(client: any RPCClient, eventsEndpoint: String, logger: Logger) async throws -> [EventFeed] {
        let handlers = handlers
        let since = try await handlers.startFollowing()
        let positions = try await handlers.positions()
        return [Tickets.service, Feedback.service].map { service in
            EventFeed(
                services: [service], client: client, eventsEndpoint: eventsEndpoint,
                positions: positions.filter { $0.key == service }, logger: logger
            ) { event in try await handlers.apply(event, since: since) }
        }
    }
}

import Bus
import Contract
import Foundation
import Logging
import ServiceKit

/// The webhooks handlers, one extension per area in `Handlers/*.swift`: every
/// method of proto/webhooks.proto (the generated `Webhooks.Handler`), the events
/// that derive deliveries, and the attempts' records.
struct WebhooksHandlers<Store: WebhooksStore>: Webhooks.Handler {
    let store: Store
    let staff: StaffDesk
    var settings = WebhooksSettings()
}

/// Everything the webhooks process runs, built the same way by `WebhooksCommand`
/// and by the tests.
struct WebhooksApp: Sendable {
    let store: WebhooksSQLStore
    let handlers: WebhooksHandlers<WebhooksSQLStore>
    let router: ServiceRouter
    let deliveries: DeliveryWorker

    /// - Parameter store: webhooks' database, SQLite or PostgreSQL.
    init(
        store: WebhooksSQLStore, settings: WebhooksSettings = WebhooksSettings(), client: any RPCClient,
        logger: Logger = Logger(label: "webhooks")
    ) {
        self.store = store
        handlers = WebhooksHandlers(store: store, staff: StaffDesk(client: client), settings: settings)
        var router = ServiceRouter(service: Webhooks.service)
        router.register(handlers)
        self.router = router
        deliveries = DeliveryWorker(handlers: handlers, poster: EndpointPoster(), logger: logger)
    }

    /// Follow tickets' and feedback's events from the positions stored with the last
    /// applied ones, one feed each, so one service down holds up only its own events.
    func eventFeeds(client: any RPCClient, eventsEndpoint: String, logger: Logger) async throws -> [EventFeed] {
        let handlers = handlers
        let positions = try await handlers.positions()
        return [Tickets.service, Feedback.service].map { service in
            EventFeed(
                services: [service], client: client, eventsEndpoint: eventsEndpoint,
                positions: positions.filter { $0.key == service }, logger: logger
            ) { event in try await handlers.apply(event) }
        }
    }
}

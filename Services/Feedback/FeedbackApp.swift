import Bus
import Contract
import Foundation
import Logging
import ServiceKit

/// Everything the feedback process runs, built the same way by `FeedbackCommand`
/// and by the tests.
///
/// ```swift
/// let store = try await FeedbackSQLStore.open(options.database("feedback"), publish: host.publish)
/// let app = FeedbackApp(store: store, settings: settings, client: host.client)
/// var router = app.router
/// host.registerStandardMethods(on: &router, store: app.store.database)
/// try await host.run(router: router, extraServices: [app.ticketFeed(...), app.followUps])
/// ```
struct FeedbackApp: Sendable {
    let store: FeedbackSQLStore
    let handlers: FeedbackHandlers<FeedbackSQLStore>
    let router: ServiceRouter
    let followUps: FollowUpDelivery

    /// On `store` (SQLite or PostgreSQL), whose clock and publishing it keeps.
    /// - Parameter openFollowUp: how follow-ups reach tickets; unset: `OpenFollowUp` through `client`.
    init(
        store: FeedbackSQLStore, settings: FeedbackSettings = FeedbackSettings(), client: (any RPCClient)?,
        openFollowUp: FollowUpDelivery.OpenFollowUp? = nil, logger: Logger = Logger(label: "feedback")
    ) {
        self.store = store
        handlers = FeedbackHandlers(store: store, staff: StaffReferences(client: client), settings: settings)
        var router = ServiceRouter(service: Feedback.service)
        router.register(handlers)
        self.router = router
        let unreachable: FollowUpDelivery.OpenFollowUp = { _, _ in
            throw RPCError(.unavailable, "no bus client to reach tickets")
        }
        let open = openFollowUp ?? client.map { FollowUpDelivery.overBus($0) } ?? unreachable
        followUps = FollowUpDelivery(ledger: handlers, settings: settings, logger: logger, open: open)
    }

    /// Follows tickets' events from the position stored with the last applied one.
    func ticketFeed(client: any RPCClient, eventsEndpoint: String, logger: Logger) async throws -> EventFeed {
        let handlers = handlers
        return EventFeed(
            services: [Tickets.service], client: client, eventsEndpoint: eventsEndpoint,
            positions: try await handlers.positions(), logger: logger
        ) { event in try await handlers.apply(event) }
    }
}

/// The feedback handlers, one extension per area in `Handlers/*.swift`: every method
/// of proto/feedback.proto (the generated `Feedback.Handler`), served from `store`,
/// plus what the ticket event feed and the follow-up delivery ask. They check the
/// request (`Edge/`), apply the rules (`Rules/`) inside one `store.write` with what
/// they read there, and write. References to employees and core values are checked
/// with `staff`.
struct FeedbackHandlers<Store: FeedbackStore>: Feedback.Handler {
    let store: Store
    let staff: StaffReferences
    var settings = FeedbackSettings()
}

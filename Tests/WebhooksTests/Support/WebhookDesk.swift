import Bus
import Contract
import Domain
import Foundation
import ServiceKit
import TestSupport

@testable import FeedbackService
@testable import StaffService
@testable import TicketsService
@testable import WebhooksService

/// Staff, tickets, feedback and webhooks served in memory, built with the builders
/// the executables use, webhooks on the suites' backend (`WebhooksBackend`) and a
/// clock the test moves. Events are carried by
/// `sync()`: webhooks applies what tickets and feedback committed, as its event
/// feeds do.
final class WebhookDesk: Sendable {
    let transport = InMemoryTransport()
    let webhooks: WebhooksApp
    let feedback: FeedbackApp
    let clock = TestClock()
    let directory: URL
    let agentID: String

    /// - Parameter webhooksStore: webhooks' store, made with `clock`'s function;
    ///   by default a new one on the suites' backend.
    init(webhooksStore: (@Sendable (TestClock) async throws -> WebhooksSQLStore)? = nil) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-webhooks-\(UUID())")
        let staff = try await StaffSQLStore.open(try await TestBackend.freshDatabase("staff", in: directory))
        transport.serve(makeStaffRouter(store: staff))
        let tickets = try await TicketsSQLStore.open(try await TestBackend.freshDatabase("tickets", in: directory))
        transport.serve(makeTicketsRouter(store: tickets, client: transport))
        var feedbackSettings = FeedbackSettings()
        feedbackSettings.surveyDelayMs = 0
        feedback = FeedbackApp(
            store: try await FeedbackSQLStore.open(try await TestBackend.freshDatabase("feedback", in: directory)),
            settings: feedbackSettings, client: transport)
        var feedbackRouter = feedback.router
        feedbackRouter.registerStandardMethods(events: feedback.store.database)
        transport.serve(feedbackRouter)
        let store =
            if let webhooksStore { try await webhooksStore(clock) } else {
                try await WebhooksBackend.store(in: directory, clock: clock.function)
            }
        webhooks = WebhooksApp(store: store, client: transport)
        var webhooksRouter = webhooks.router
        webhooksRouter.registerStandardMethods(events: webhooks.store.database)
        transport.serve(webhooksRouter)
        agentID = try await transport.call(
            Staff.createEmployee,
            .init(
                name: "Daan Bakker", email: "daan@example.com", country: "NL", start_date: "2025-01-06",
                status: .active, monthly_budget: Money(minorUnits: 5000, currency: .eur))
        ).employee!.employee_id!
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func call<Request, Reply>(_ method: Method<Request, Reply>, _ request: Request) async throws -> Reply {
        try await transport.call(method, request)
    }

    /// Webhooks applies tickets' and feedback's new events.
    func sync() async throws {
        let positions = try await webhooks.handlers.positions()
        for (method, service) in [(Tickets.since, Tickets.service), (Feedback.since, Feedback.service)] {
            let events = try await call(method, SinceRequest(after_sequence: positions[service] ?? 0, limit: 500))
                .events
            for event in events { try await webhooks.handlers.apply(event) }
        }
    }

    /// A subscription of Daan's to `types` at `url`.
    func subscribe(_ url: String, to types: [String]) async throws -> Webhooks.Subscription {
        try await call(
            Webhooks.createSubscription,
            .init(url: url, event_types: types, description: "CRM sync", owner_id: agentID)
        ).subscription!
    }

    /// A phone ticket, resolved; returns its id.
    func resolvedTicket(_ subject: String = "Kapot fotoboek") async throws -> String {
        let id = try await call(
            Tickets.createTicket,
            .init(
                customer: .init(name: "Anna de Vries", handle: "anna@example.nl", country: "NL"), channel: .phone,
                product_category: "photo-books", subject: subject, body: "De kaft is gescheurd.")
        ).ticket!.ticket_id!
        _ = try await call(Tickets.resolveTicket, .init(ticket_id: id, resolved_by_id: agentID, summary: "Nieuw boek"))
        return id
    }

    func deliveries(_ subscriptionID: String) async throws -> [Webhooks.Delivery] {
        try await call(Webhooks.listDeliveries, .init(subscription_id: subscriptionID)).deliveries
    }

    /// One pass of the delivery worker, then the clock moves on by `seconds`.
    func deliver(thenWait seconds: TimeInterval = 0) async {
        await webhooks.deliveries.deliverDue()
        clock.advance(by: seconds)
    }
}

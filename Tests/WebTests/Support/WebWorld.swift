import AnalyticsCore
import Bus
import Contract
import Domain
import Foundation
import HummingbirdBcrypt
import TestSupport

@testable import ChannelsService
@testable import FeedbackService
@testable import StaffService
@testable import TicketsService
@testable import WebService
@testable import WebhooksService

/// The real feedback and staff services (tickets, channels and webhooks too when
/// asked; on the suites' backend, ``TestBackend``) and an analytics read model fed
/// with feedback's and staff's events, on an in-process bus; the web front talks
/// to them through a bus client, exactly as `web serve` does.
final class WebWorld: Sendable {
    static let password = "correct horse battery staple"
    /// bcrypt at the lowest cost, so the tests stay quick.
    static let users = UserDirectory(users: ["lisa": Bcrypt.hash(password, cost: 4)])

    let bus: InProcessBus
    let feedback: FeedbackApp
    /// The channels service, when asked for.
    let channelsApp: ChannelsApp?
    /// The webhooks service, when asked for.
    let webhooksApp: WebhooksApp?
    let analytics: AnalyticsReadModel
    let client: BusClient
    let settings: WebSettings
    /// An agent in staff that invitations credit by default.
    let sam: String

    /// - Parameters:
    ///   - openFollowUp: tickets' answer to OpenFollowUp; unset: the real tickets
    ///     service's when `tickets`, else a made-up ticket per response.
    ///   - tickets: also run the real tickets service (for the agent workspace).
    ///   - channels: also run the real channels service (the contact form and chat;
    ///     with `tickets`, which it opens and joins tickets on). Nothing goes out.
    ///   - staffClock: the staff service's clock (its invitations expire by it).
    init(
        analytics withAnalytics: Bool = true, callTimeout: Duration = .seconds(5),
        openFollowUp: FollowUpDelivery.OpenFollowUp? = nil, tickets: Bool = false, channels: Bool = false,
        webhooks: Bool = false, staffClock: @escaping @Sendable () -> Date = Date.init
    ) async throws {
        bus = try await InProcessBus()
        let model = AnalyticsReadModel()
        analytics = model
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glimlach-web-\(UUID().uuidString)")
        let staff = try await StaffSQLStore.open(
            try await TestBackend.freshDatabase("staff", in: directory), clock: staffClock,
            publish: { events in events.forEach { model.apply($0) } })
        // bcrypt's lowest cost: the pages' tests sign in often, and staff's one
        // hashing queue is shared by every test of the process.
        try await bus.worker(makeStaffRouter(store: staff, passwords: PasswordRules(cost: 4)))
        if tickets {
            let store = try await TicketsSQLStore.open(try await TestBackend.freshDatabase("tickets", in: directory))
            try await bus.worker(makeTicketsRouter(store: store, client: bus.client(fresh: true)))
        }
        if channels {
            let app = ChannelsApp(
                store: try await ChannelsSQLStore.open(try await TestBackend.freshDatabase("channels", in: directory)),
                settings: ChannelsSettings(), client: bus.client(fresh: true), outlets: [:])
            try await bus.worker(app.router)
            channelsApp = app
        } else {
            channelsApp = nil
        }
        if webhooks {
            let app = WebhooksApp(
                store: try await WebhooksSQLStore.open(try await TestBackend.freshDatabase("webhooks", in: directory)),
                client: bus.client(fresh: true))
            try await bus.worker(app.router)
            webhooksApp = app
        } else {
            webhooksApp = nil
        }
        feedback = FeedbackApp(
            store: try await FeedbackSQLStore.open(
                try await TestBackend.freshDatabase("feedback", in: directory),
                publish: { events in events.forEach { model.apply($0) } }),
            client: bus.client(fresh: true), openFollowUp: openFollowUp ?? (tickets ? nil : Self.madeUpFollowUp))
        try await bus.worker(feedback.router)
        if withAnalytics {
            model.markReady()
            try await bus.worker(makeAnalyticsRouter(model: model))
        }
        client = bus.client()
        sam = try await client.call(
            Staff.createEmployee,
            .init(name: "Sam", email: "sam@example.com", country: "NL", start_date: "2025-01-06", status: .active)
        ).employee!.employee_id!
        settings = WebSettings(
            users: Self.users, key: SessionKey(bytes: Array("a test key of thirty-two bytes or more".utf8)),
            timeZone: TimeZone(identifier: "Europe/Amsterdam")!, callTimeout: callTimeout)
    }

    /// A follow-up ticket for each response, without a tickets service.
    static let madeUpFollowUp: FollowUpDelivery.OpenFollowUp = { request, _ in
        Tickets.OpenFollowUpReply(
            ticket: Tickets.Ticket(ticket_id: "tkt-care-\(request.response_id ?? "")"), created: true)
    }

    /// An open invitation for a chat contact credited to `agent`; returns its token.
    func invite(
        customer: String = "cus-\(UUID().uuidString.prefix(8))", name: String = "Anna", agent: String? = nil,
        channel: Domain.Channel = .chat, language: String = "en", delayMs: Int64 = 0, validForMs: Int64? = nil,
        team: String = "team-experts"
    ) async throws -> String {
        let reply = try await client.call(
            Feedback.createInvitation,
            .init(
                attribution: .init(
                    ticket_id: "t-\(customer)", agent_id: agent ?? sam, team_id: team,
                    employer_id: "in-house",
                    channel: channel, country: "NL", product_category: "photo-books",
                    contact_at_ms: Int64(Date().timeIntervalSince1970 * 1000)),
                customer_id: customer, customer_name: name, language: language, delay_ms: delayMs,
                valid_for_ms: validForMs)
        )
        return reply.invitation?.token ?? ""
    }

    /// One pass of feedback's follow-up delivery.
    func deliverFollowUps() async { await feedback.followUps.deliverDue() }

    /// Responses feedback holds.
    func responses() async throws -> [Feedback.SurveyResponse] {
        try await client.call(Feedback.listResponses, .init(page_size: 100)).responses
    }

    func shutdown() async { await bus.shutdown() }
}

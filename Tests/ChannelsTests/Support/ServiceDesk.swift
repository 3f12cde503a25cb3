import Bus
import Contract
import Domain
import Foundation
import ServiceKit
import Synchronization
import TestSupport

@testable import ChannelsService
@testable import FeedbackService
@testable import StaffService
@testable import TicketsService

/// Staff, tickets, feedback and channels served in memory, built with the builders
/// the executables use, on the suites' backend (``TestBackend``). Events are
/// carried by `sync()`: feedback and channels apply what tickets and feedback
/// committed, as their event feeds do.
final class ServiceDesk: Sendable {
    let transport = InMemoryTransport()
    let channels: ChannelsApp
    let feedback: FeedbackApp
    let outlet: RecordingOutlet
    let directory: URL
    let agentID: String
    /// When channels first followed the others' events.
    let followingSince: Int64

    /// - Parameter channelsStore: channels' store; by default a new one on the suites' backend.
    init(
        outlets: [Channel] = [.email, .facebookMessenger, .whatsApp], settings: ChannelsSettings = ChannelsSettings(),
        realOutlets: [Channel: any Outlet] = [:], channelsStore: ChannelsSQLStore? = nil
    ) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-channels-\(UUID())")
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
        outlet = RecordingOutlet()
        var outletsByChannel: [Channel: any Outlet] = [:]
        for channel in outlets { outletsByChannel[channel] = outlet }
        outletsByChannel.merge(realOutlets) { _, real in real }
        var settings = settings
        settings.retry.firstPauseMs = 1
        let channelsStore =
            if let channelsStore { channelsStore } else { try await ChannelsBackend.store(in: directory) }
        channels = ChannelsApp(
            store: channelsStore, settings: settings, client: transport,
            outlets: outletsByChannel)
        var channelsRouter = channels.router
        channelsRouter.registerStandardMethods(events: channels.store.database)
        transport.serve(channelsRouter)
        followingSince = try await channels.handlers.startFollowing()
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

    /// Feedback applies tickets' new events, then channels applies tickets' and feedback's.
    func sync() async throws {
        for event in try await since(Tickets.since, after: try await feedback.handlers.positions()[Tickets.service]) {
            try await feedback.handlers.apply(event)
        }
        let positions = try await channels.handlers.positions()
        for event in try await since(Tickets.since, after: positions[Tickets.service]) {
            try await channels.handlers.apply(event, since: followingSince)
        }
        for event in try await since(Feedback.since, after: positions[Feedback.service]) {
            try await channels.handlers.apply(event, since: followingSince)
        }
    }

    private func since(_ method: Method<SinceRequest, SinceReply>, after: UInt64?) async throws -> [Event] {
        try await call(method, SinceRequest(after_sequence: after ?? 0, limit: 500)).events
    }

    /// A customer's message through ReceiveMessage.
    func receive(
        _ body: String, channel: Channel = .email, handle: String = "anna@example.nl", id: String,
        conversation: String? = nil, subject: String? = nil
    ) async throws -> Channels.ReceiveMessageReply {
        try await call(
            Channels.receiveMessage,
            .init(
                channel: channel, handle: handle, name: "Anna de Vries", language: "nl", conversation_key: conversation,
                subject: subject, body: body, external_id: id))
    }

    /// Daan's public reply on `ticketID`; returns its message id.
    func reply(_ body: String, on ticketID: String) async throws -> String {
        try await call(
            Tickets.addMessage, .init(ticket_id: ticketID, kind: .publicReply, author_id: agentID, body: body)
        ).message!.message_id!
    }

    func ticket(_ id: String) async throws -> Tickets.Ticket {
        try await call(Tickets.getTicket, .init(ticket_id: id)).ticket!
    }

    func deliveries(_ ticketID: String) async throws -> [Channels.Delivery] {
        try await call(Channels.listDeliveries, .init(ticket_id: ticketID)).deliveries
    }
}

/// An outlet that keeps what it is asked to send, failing as told first: the
/// channel's far side for tests of the outbox (the real outlets have their own
/// tests against real servers).
final class RecordingOutlet: Outlet {
    let sent = Mutex<[OutgoingMessage]>([])
    /// Failures to answer before sending, in order.
    let failures = Mutex<[DeliveryError]>([])

    func send(_ message: OutgoingMessage) async throws -> String {
        if let failure = failures.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { throw failure }
        sent.withLock { $0.append(message) }
        return "ext-\(message.messageID)"
    }
}

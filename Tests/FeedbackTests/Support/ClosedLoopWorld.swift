import Bus
import Contract
import Domain
import Foundation
import TestSupport

@testable import FeedbackService
@testable import StaffService
@testable import TicketsService

/// Real staff, tickets and feedback on one in-process bus, built with the builders
/// the executables use: feedback reaches tickets' OpenFollowUp over the bus.
/// Feedback runs on `FeedbackBackend`; staff and tickets keep SQLite.
final class ClosedLoopWorld: Sendable {
    let bus: InProcessBus
    let feedback: FeedbackApp
    let published = Locked<[Event]>([])
    let directory: URL

    init(settings: FeedbackSettings = FeedbackSettings()) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glimlach-loop-\(UUID().uuidString)")
        bus = try await InProcessBus()
        let staff = try StaffSQLStore(path: directory.appendingPathComponent("staff.sqlite").path)
        try await bus.worker(makeStaffRouter(store: staff))
        let tickets = try TicketsSQLStore(path: directory.appendingPathComponent("tickets.sqlite").path)
        try await bus.worker(makeTicketsRouter(store: tickets, client: bus.client(fresh: true)))
        let published = published
        let store = try await FeedbackBackend.store(
            at: TestBackend.isPostgres
                ? try await FeedbackBackend.freshDatabase()
                : directory.appendingPathComponent("feedback.sqlite").path,
            publish: { events in published.withLock { $0 += events } })
        feedback = FeedbackApp(store: store, settings: settings, client: bus.client(fresh: true))
        try await bus.worker(feedback.router)
        _ = try await call(Staff.createTeam, Staff.CreateTeamRequest(name: "Special Care", kind: .specialCare))
    }

    func call<Request, Reply>(_ method: Method<Request, Reply>, _ request: Request) async throws -> Reply {
        try await bus.client().call(method, request)
    }

    /// A ticket in tickets for Anna, as an agent logs it; returns it.
    func ticket(handle: String = "anna@example.nl", channel: Channel = .email) async throws -> Tickets.Ticket {
        let request = Tickets.CreateTicketRequest(
            customer: Tickets.Customer(name: "Anna de Vries", handle: handle, country: "NL", language: "nl"),
            channel: channel, product_category: "photo-products", subject: "Photo book arrived damaged",
            body: "The cover is torn.")
        return try await call(Tickets.createTicket, request).ticket!
    }

    /// The follow-up of `responseID` after feedback's delivery ran `passes` times.
    func followUp(_ responseID: String, afterPasses passes: Int = 1) async throws -> Feedback.FollowUp {
        for _ in 0..<passes { await feedback.followUps.deliverDue() }
        return try await call(Feedback.getFollowUp, .init(response_id: responseID)).follow_up!
    }

    /// Special Care tickets tickets holds.
    func specialCareTickets() async throws -> [Tickets.Ticket] {
        try await call(Tickets.listTickets, Tickets.ListTicketsRequest(special_care: true)).tickets
    }

    func shutdown() async {
        await bus.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }
}

import Bus
import Contract
import Foundation
import Synchronization
import TestSupport
import Testing
import Wire

@testable import FeedbackService
@testable import StaffService

/// A value behind a lock that closures can share.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T { try mutex.withLock { try body(&$0) } }
}

/// A clock the test moves; starts at 2026-01-05 09:00 UTC (a Monday).
final class TestClock: Sendable {
    static let start = Date(timeIntervalSince1970: 1_767_603_600)
    private let current = Mutex(TestClock.start)
    var now: Date { current.withLock { $0 } }
    var nowMs: Int64 { now.unixMilliseconds }
    func advance(hours: Double) { current.withLock { $0 += hours * 3600 } }
    func advance(ms: Int64) { current.withLock { $0 += Double(ms) / 1000 } }
    var read: @Sendable () -> Date { { self.now } }
}

/// tickets' OpenFollowUp as the test controls it: up or down, one ticket per response.
final class FakeTickets: Sendable {
    struct Call: Sendable {
        let responseID: String
        let key: String
    }

    let up = Locked(true)
    let calls = Locked<[Call]>([])
    let tickets = Locked<[String: String]>([:])
    /// True: tickets opens the ticket but the reply never arrives (a timeout).
    let loseReply = Locked(false)

    var open: FollowUpDelivery.OpenFollowUp {
        { request, key in
            self.calls.withLock { $0.append(Call(responseID: request.response_id ?? "", key: key)) }
            guard self.up.withLock({ $0 }) else { throw RPCError(.unavailable, "tickets has no worker") }
            let (id, created) = self.tickets.withLock { tickets in
                if let id = tickets[request.response_id!] { return (id, false) }
                let id = "tkt-care-\(tickets.count + 1)"
                tickets[request.response_id!] = id
                return (id, true)
            }
            if self.loseReply.withLock({ $0 }) { throw RPCError(.deadlineExceeded, "no reply from tickets in time") }
            return Tickets.OpenFollowUpReply(
                ticket: Tickets.Ticket(ticket_id: id, special_care: true), created: created)
        }
    }
}

/// The feedback service as the executable builds it, on an in-process bus with the
/// real staff service (for reference checks), with a test clock, fake tickets for
/// follow-ups, and the events it published.
final class FeedbackHarness: Sendable {
    let bus: InProcessBus
    let app: FeedbackApp
    let clock = TestClock()
    let tickets = FakeTickets()
    let published = Locked<[Event]>([])
    let ticketSequence = Locked<UInt64>(0)
    /// Where feedback's data is (`FeedbackBackend`): a restart opens it again.
    let database: String

    /// - Parameter database: an existing feedback database (a restart); unset: a fresh one.
    init(settings: FeedbackSettings = FeedbackSettings(), database: String? = nil) async throws {
        if let database {
            self.database = database
        } else {
            self.database = try await FeedbackBackend.freshDatabase()
        }
        bus = try await InProcessBus()
        let staff = try StaffSQLStore(
            path: FileManager.default.temporaryDirectory
                .appendingPathComponent("glimlach-feedback-\(UUID().uuidString)/staff.sqlite").path)
        try await bus.worker(makeStaffRouter(store: staff))
        let published = published
        let store = try await FeedbackBackend.store(
            at: self.database, clock: clock.read, publish: { events in published.withLock { $0 += events } })
        app = FeedbackApp(
            store: store, settings: settings, client: bus.client(fresh: true), openFollowUp: tickets.open)
        try await bus.worker(app.router)
    }

    /// The handlers, for what the ticket feed and the follow-up delivery call.
    var store: FeedbackHandlers<FeedbackSQLStore> { app.handlers }

    /// An active employee in staff, made for the test; returns the id.
    func employee(_ name: String = "Sam Visser") async throws -> String {
        let request = Staff.CreateEmployeeRequest(
            name: name,
            email:
                "\(name.lowercased().replacingOccurrences(of: " ", with: "."))-\(UUID().uuidString.prefix(6))@example.com",
            country: "NL", start_date: "2025-01-06", status: .active)
        return try await call(Staff.createEmployee, request).employee!.employee_id!
    }

    func call<Request, Reply>(_ method: Method<Request, Reply>, _ request: Request, key: String? = nil) async throws
        -> Reply
    {
        try await bus.client().call(method, request, options: .init(idempotencyKey: key))
    }

    /// The RPC error a call ends with (a test failure when it succeeds).
    func refusal<Request, Reply>(_ method: Method<Request, Reply>, _ request: Request) async -> RPCError? {
        do {
            _ = try await call(method, request)
            Issue.record("\(method.name) succeeded but should be refused")
            return nil
        } catch let error as RPCError { return error } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    /// Applies a `ticket.resolved` of tickets' next sequence, as the feed would.
    @discardableResult
    func resolve(_ resolved: Tickets.TicketResolved) async throws -> Event {
        try await applyTickets("ticket.resolved", subject: resolved.ticket_id ?? "", resolved)
    }

    /// Applies tickets' event `type` of its next sequence, as the feed would.
    @discardableResult
    func applyTickets(_ type: String, subject: String, _ payload: some WireMessage) async throws -> Event {
        let sequence = ticketSequence.withLock {
            $0 += 1
            return $0
        }
        let event = Event(
            service: "tickets", sequence: sequence, type: type, occurred_at_ms: clock.nowMs, subject_id: subject,
            payload: try payload.wireBytes())
        try await store.apply(event)
        return event
    }

    /// A resolved ticket with full attribution.
    static func resolved(
        _ ticket: String, customer: String = "cus-anna", agent: String = "emp-sam", at ms: Int64
    ) -> Tickets.TicketResolved {
        Tickets.TicketResolved(
            ticket_id: ticket, agent_id: agent, team_id: "team-experts", employer_id: "in-house", channel: .chat,
            country: "NL", product_category: "photo-products", resolved_at_ms: ms, customer_id: customer,
            customer_name: "Anna", customer_handle: "anna@example.nl", customer_language: "nl")
    }

    /// The invitation made for `ticket`.
    func invitation(forTicket ticket: String) async throws -> Feedback.Invitation {
        let list = try await call(Feedback.listInvitations, Feedback.ListInvitationsRequest(ticket_id: ticket))
        return try #require(list.invitations.first)
    }

    /// Events of `type` published so far, decoded.
    func events<Payload: WireMessage>(_ type: String, as payload: Payload.Type) throws -> [Payload] {
        try published.withLock { $0 }.filter { $0.type == type }.map { try Payload(wireBytes: $0.payload) }
    }

    func shutdown() async { await bus.shutdown() }
}

extension FeedbackHandlers {
    /// The stored follow-up of `responseID`.
    func followUp(responseID: String) async throws -> Feedback.FollowUp {
        guard let followUp = try await store.read({ try $0.followUp(responseID: responseID) }) else {
            throw RPCError(.notFound, "no follow-up for response '\(responseID)'")
        }
        return followUp
    }
}

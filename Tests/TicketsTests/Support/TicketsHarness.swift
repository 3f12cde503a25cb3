import Bus
import Contract
import Domain
import Foundation
import Synchronization
import TestSupport
import Testing
import Wire

@testable import StaffService
@testable import TicketsService

/// A clock tests move by hand; staff and tickets share it.
final class TestClock: Sendable {
    private let value: Mutex<Date>
    init(_ start: Date) { value = Mutex(start) }
    var now: Date { value.withLock { $0 } }
    func set(_ date: Date) { value.withLock { $0 = date } }
    func advance(_ seconds: TimeInterval) { value.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Collects what a store publishes.
final class Published: Sendable {
    let events = Mutex<[Event]>([])
    var all: [Event] { events.withLock { $0 } }
    func types(_ subject: String? = nil) -> [String] {
        all.filter { subject == nil || $0.subject_id == subject }.map(\.type)
    }
    func payloads<T: WireMessage>(_ type: String, as: T.Type) throws -> [T] {
        try all.filter { $0.type == type }.map { try T(wireBytes: $0.payload) }
    }
}

/// Staff and tickets on one in-process bus, built with the same builders as the
/// executables, on temporary databases (tickets' on `TicketsBackend`) and a
/// hand-moved clock.
final class TicketsHarness: @unchecked Sendable {
    let bus: InProcessBus
    let clock: TestClock
    let store: TicketsSQLStore
    let published = Published()
    let scheduler: SLAScheduler
    let directory: URL
    private let ticketsClient: BusClient
    private let agentID = Mutex<String?>(nil)
    var client: BusClient { bus.client() }

    /// Monday 2026-03-02 10:00 in Amsterdam (09:00 UTC).
    static let monday = Date(unixMilliseconds: 1_772_442_000_000)

    init(staff: Bool = true, start: Date = TicketsHarness.monday, settings: TicketsSettings = TicketsSettings())
        async throws
    {
        clock = TestClock(start)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glimlach-tickets-\(UUID().uuidString)")
        bus = try await InProcessBus()
        let clock = clock
        let published = published
        store = try await TicketsBackend.store(
            in: directory, clock: { clock.now }, publish: { events in published.events.withLock { $0 += events } })
        ticketsClient = bus.client(fresh: true)
        var settings = settings
        settings.staffTimeout = .milliseconds(1500)
        try await bus.worker(makeTicketsRouter(store: store, client: ticketsClient, settings: settings))
        scheduler = makeSLAScheduler(store: store, client: ticketsClient, settings: settings)
        if staff {
            let staffStore = try StaffSQLStore(
                path: directory.appendingPathComponent("staff.sqlite").path, clock: { clock.now })
            try await bus.worker(makeStaffRouter(store: staffStore))
        }
    }

    func shutdown() async {
        // The bus closes every client it made, tickets' own included.
        await bus.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: staff

    /// A team in staff.
    func team(_ name: String, kind: Staff.TeamKind = .serviceExperts) async throws -> String {
        try await client.call(Staff.createTeam, Staff.CreateTeamRequest(name: name, kind: kind)).team!.team_id!
    }

    /// An active employee with a monthly budget in euro cents.
    func employee(_ name: String, team: String? = nil, budget: Int64 = 5000, employer: String? = nil) async throws
        -> String
    {
        let request = Staff.CreateEmployeeRequest(
            name: name, email: "\(name.lowercased().replacingOccurrences(of: " ", with: "."))@example.com",
            team_id: team, employer_id: employer, country: "NL", start_date: "2025-01-06", status: .active,
            monthly_budget: Money(minorUnits: budget, currency: .eur))
        return try await client.call(Staff.createEmployee, request).employee!.employee_id!
    }

    // MARK: tickets

    static func customer(_ handle: String = "anna@example.nl", country: String = "NL") -> Tickets.Customer {
        Tickets.Customer(name: "Anna de Vries", handle: handle, country: country, language: "nl")
    }

    func create(
        channel: Channel = .email, order: String? = nil, assignee: String? = nil, team: String? = nil,
        receivedAt: Date? = nil, handle: String = "anna@example.nl", country: String = "NL", key: String? = nil
    ) async throws -> Tickets.Ticket {
        let request = Tickets.CreateTicketRequest(
            customer: Self.customer(handle, country: country), channel: channel, product_category: "photo-products",
            order_reference: order, subject: "Photo book arrived damaged",
            notes: ["The book is a gift for grandma's 80th birthday"], body: "The cover is torn.",
            received_at_ms: receivedAt?.unixMilliseconds, assignee_id: assignee, team_id: team)
        return try await client.call(Tickets.createTicket, request, options: .init(idempotencyKey: key)).ticket!
    }

    func get(_ id: String) async throws -> Tickets.Ticket {
        try await client.call(Tickets.getTicket, Tickets.GetTicketRequest(ticket_id: id)).ticket!
    }

    /// An employee in staff who answers customers, made on first use.
    func agent() async throws -> String {
        if let id = agentID.withLock({ $0 }) { return id }
        let id = try await employee("Agent Smith")
        agentID.withLock { $0 = id }
        return id
    }

    /// A public reply; by `agent` when given, else by `agent()`.
    func reply(_ id: String, by agent: String? = nil, at: Date? = nil) async throws -> Tickets.AddMessageReply {
        let author: String
        if let agent { author = agent } else { author = try await self.agent() }
        return try await client.call(
            Tickets.addMessage,
            Tickets.AddMessageRequest(
                ticket_id: id, kind: .publicReply, author_id: author, body: "So sorry! A new one is on its way.",
                sent_at_ms: at?.unixMilliseconds))
    }
}

/// The status code `body` fails with, or nil when it succeeds.
func code(_ body: () async throws -> Void) async -> StatusCode? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error.code
    } catch {
        return .unknown
    }
}

/// The RPCError `body` fails with.
func rpcError(_ body: () async throws -> Void) async -> RPCError? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(.unknown, "\(error)")
    }
}

/// An instant in Amsterdam local time.
func amsterdam(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam")!
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
}

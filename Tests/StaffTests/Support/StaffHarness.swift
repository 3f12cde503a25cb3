import Bus
import Contract
import Domain
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import StaffService

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let instant: Mutex<Date>
    init(_ start: Date) { instant = Mutex(start) }
    var now: Date { instant.withLock { $0 } }
    func set(_ date: Date) { instant.withLock { $0 = date } }
}

/// The staff router on an in-process bus, with its store on `StaffBackend` (a
/// temporary SQLite file or a fresh PostgreSQL database) and a clock set to
/// 2026-11-23 12:00 UTC (Amsterdam time zone).
final class StaffHarness: Sendable {
    let bus: InProcessBus
    let client: BusClient
    let store: StaffSQLStore
    let clock: TestClock
    let directory: URL

    static let start = Date(timeIntervalSince1970: 1_795_435_200)  // 2026-11-23T12:00:00Z

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("staff-\(UUID().uuidString)")
        let clock = TestClock(Self.start)
        self.clock = clock
        store = try await StaffBackend.store(in: directory, clock: { clock.now })
        bus = try await InProcessBus()
        // bcrypt's lowest cost: staff's one hashing queue is shared by every test of
        // the process (PasswordCostTests checks the cost staff uses by default).
        try await bus.worker(makeStaffRouter(store: store, passwords: PasswordRules(cost: 4)))
        client = bus.client()
    }

    /// Calls `method` with an optional idempotency key.
    func call<Request, Reply>(
        _ method: Method<Request, Reply>, _ request: Request, key: String? = nil
    ) async throws
        -> Reply
    {
        try await client.call(method, request, options: .init(idempotencyKey: key))
    }

    func shutdown() async {
        await bus.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Everything the store keeps, as bytes to search (`StaffBackend.storedBytes`).
    func storedBytes() async throws -> Data { try await StaffBackend.storedBytes(store, directory: directory) }

    /// Every event recorded so far, in order.
    func events() async throws -> [Event] {
        try await call(Staff.since, SinceRequest(after_sequence: 0, limit: 5000)).events
    }

    // MARK: - Fixtures

    @discardableResult
    func employee(
        _ name: String, email: String? = nil, status: Staff.EmployeeStatus = .active, team: String? = nil,
        role: Staff.EmployeeRole = .serviceExpert, budget: Int64? = nil
    ) async throws -> Staff.Employee {
        try await call(
            Staff.createEmployee,
            Staff.CreateEmployeeRequest(
                name: name, email: email, team_id: team, role: role, status: status,
                monthly_budget: budget.map { Money(minorUnits: $0, currency: .eur) })
        ).employee!
    }

    func team(_ name: String, kind: Staff.TeamKind = .serviceExperts, lead: String? = nil) async throws -> Staff.Team {
        try await call(Staff.createTeam, Staff.CreateTeamRequest(name: name, kind: kind, lead_id: lead)).team!
    }
}

/// Runs `body` with a fresh harness and shuts it down afterwards, also on failure.
func withStaff(_ body: (StaffHarness) async throws -> Void) async throws {
    let harness = try await StaffHarness()
    do {
        try await body(harness)
    } catch {
        await harness.shutdown()
        throw error
    }
    await harness.shutdown()
}

/// Expects `body` to fail with `code` and a message containing every fragment.
func expectRPCError(
    _ code: StatusCode, _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("expected \(code), the call succeeded", sourceLocation: sourceLocation)
    } catch let error as RPCError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(
                error.message.contains(fragment), "'\(error.message)' lacks '\(fragment)'",
                sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected RPCError \(code), got \(error)", sourceLocation: sourceLocation)
    }
}

func euros(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .eur) }
func dollars(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .usd) }

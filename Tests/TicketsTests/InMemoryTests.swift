import Bus
import Contract
import Domain
import Foundation
import Testing

@testable import StaffService
@testable import TicketsService

/// Tickets and staff served by `InMemoryTransport`: no broker, no sockets, the same
/// routers as the executables.
@Suite("tickets and staff in memory, without a broker", .timeLimit(.minutes(1)))
struct InMemoryTests {
    static func euro(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .eur) }

    /// Staff and tickets on temporary databases, tickets calling staff through `transport`.
    static func serve(_ transport: InMemoryTransport, in directory: URL) async throws {
        let staffStore = try StaffSQLStore(path: directory.appendingPathComponent("staff.sqlite").path)
        transport.serve(makeStaffRouter(store: staffStore))
        let ticketsStore = try await TicketsBackend.store(in: directory)
        transport.serve(makeTicketsRouter(store: ticketsStore, client: transport))
    }

    @Test("a gesture tickets grants spends the agent's budget in staff, all in memory")
    func gestureSpendsStaffBudget() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-mem-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let transport = InMemoryTransport()
        try await Self.serve(transport, in: directory)
        let agent = try await transport.call(
            Staff.createEmployee,
            .init(
                name: "Gijs de Boer", email: "gijs@example.com", country: "NL", start_date: "2025-01-06",
                status: .active, monthly_budget: Self.euro(5000))
        ).employee!.employee_id!
        let ticket = try await transport.call(
            Tickets.createTicket,
            .init(
                customer: .init(name: "Anna de Vries", handle: "anna@example.nl", country: "NL", language: "nl"),
                channel: .email, product_category: "photo-products", subject: "Photo book arrived damaged",
                body: "The cover is torn.", assignee_id: agent)
        ).ticket!.ticket_id!
        let gesture = try await transport.call(
            Tickets.grantGesture,
            .init(ticket_id: ticket, kind: .gift, amount: Self.euro(2000), description: "Flowers for the wait")
        ).gesture!
        #expect(gesture.outcome == .granted && gesture.remaining_budget == Self.euro(3000))
        let budget = try await transport.call(Staff.getBudget, .init(employee_id: agent)).budget
        #expect(budget?.remaining == Self.euro(3000))
    }

    @Test("without staff, a gesture fails UNAVAILABLE as on the bus with no staff worker")
    func gestureWithoutStaff() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-mem-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let transport = InMemoryTransport()
        try await Self.serve(transport, in: directory)
        transport.stop(Staff.service)
        let error = await #expect(throws: RPCError.self) {
            try await transport.call(
                Tickets.createTicket,
                .init(
                    customer: .init(name: "Anna", handle: "anna@example.nl", country: "NL"), channel: .email,
                    product_category: "photo-products",
                    subject: "Late", body: "Where is it?", assignee_id: "emp-1"))
        }
        #expect(error?.code == .unavailable, "\(String(describing: error))")
    }
}

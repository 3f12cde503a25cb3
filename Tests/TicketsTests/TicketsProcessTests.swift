import Bus
import Contract
import Domain
import Foundation
import TestSupport
import Testing

@Suite("tickets as a process", .serialized, .timeLimit(.minutes(3)))
struct TicketsProcessTests {
    @Test("the tickets executable serves Health and Since over the bus")
    func servesStandardMethods() async throws {
        let stack = try await ProcessStack()
        try await stack.start("tickets")
        let health = try await stack.client.call(Tickets.health, HealthRequest())
        #expect(health.service == "tickets" && health.status == .serving && health.last_sequence == 0)
        let replay = try await stack.client.call(Tickets.since, SinceRequest(after_sequence: 0))
        #expect(replay.events.isEmpty)
        await stack.shutdown()
    }

    @Test("bus, staff and tickets as processes: a ticket assigned to a staff member, one gesture granted, one refused")
    func withStaffProcess() async throws {
        let stack = try await ProcessStack()
        try await stack.start("staff")
        try await stack.start("tickets")
        let client = stack.client
        let team = try await client.call(Staff.createTeam, .init(name: "Service experts", kind: .serviceExperts)).team!
        let agent = try await client.call(
            Staff.createEmployee,
            .init(
                name: "Kees Vos", email: "kees@example.com", team_id: team.team_id, country: "NL",
                start_date: "2025-01-06",
                status: .active,
                monthly_budget: Money(minorUnits: 5000, currency: .eur))
        ).employee!
        let ticket = try await client.call(
            Tickets.createTicket,
            .init(
                customer: .init(name: "Lotte", handle: "+31612345678", country: "NL", language: "nl"), channel: .phone,
                product_category: "photo-products", subject: "Photo book damaged", notes: ["A gift for her mother"],
                assignee_id: agent.employee_id)
        ).ticket!
        #expect(ticket.assignee_id == agent.employee_id && ticket.team_id == team.team_id)
        #expect(ticket.sla?.state == .met)
        let granted = try await client.call(
            Tickets.grantGesture,
            .init(
                ticket_id: ticket.ticket_id, kind: .replacement, amount: Money(minorUnits: 3500, currency: .eur),
                description: "New photo book, no proof needed"),
            options: .init(idempotencyKey: "gesture-1")
        ).gesture!
        #expect(granted.outcome == .granted && granted.remaining_budget == Money(minorUnits: 1500, currency: .eur))
        let refused = try await client.call(
            Tickets.grantGesture,
            .init(
                ticket_id: ticket.ticket_id, kind: .gift, amount: Money(minorUnits: 2000, currency: .eur),
                description: "Flowers"),
            options: .init(idempotencyKey: "gesture-2")
        ).gesture!
        #expect(refused.outcome == .refused && refused.refusal_reason?.isEmpty == false)
        let stored = try await client.call(Tickets.getTicket, .init(ticket_id: ticket.ticket_id)).ticket!
        #expect(stored.gestures.map(\.outcome) == [.granted, .refused])
        let budget = try await client.call(Staff.getBudget, .init(employee_id: agent.employee_id)).budget!
        #expect(budget.remaining == Money(minorUnits: 1500, currency: .eur))
        await stack.shutdown()
    }

    @Test(
        "after kill -9 and a restart every acknowledged write is there and Since(0) replays each event once, in order")
    func survivesKill() async throws {
        let stack = try await ProcessStack()
        let process = try await stack.start("tickets")
        let client = stack.client
        let count = 30
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await client.call(
                        Tickets.createTicket,
                        .init(
                            customer: .init(name: "Customer \(index)", handle: "c\(index)@example.nl", country: "NL"),
                            channel: .email, product_category: "books", subject: "Question \(index)"),
                        options: .init(idempotencyKey: "create-\(index)")
                    ).ticket!.ticket_id!
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(ids.count == count)
        await process.kill()
        try await stack.start("tickets")
        for id in ids {
            #expect(try await client.call(Tickets.getTicket, .init(ticket_id: id)).ticket?.ticket_id == id)
        }
        let replay = try await client.call(Tickets.since, SinceRequest(after_sequence: 0))
        #expect(replay.events.map(\.sequence) == Array(1...UInt64(count)))
        #expect(replay.events.allSatisfy { $0.type == "ticket.created" })
        #expect(Set(replay.events.compactMap(\.subject_id)) == Set(ids) && replay.events.count == count)
        // A retried create after the restart still returns the first ticket.
        let retry = try await client.call(
            Tickets.createTicket,
            .init(
                customer: .init(name: "Customer 0", handle: "c0@example.nl", country: "NL"), channel: .email,
                product_category: "books", subject: "Question 0"),
            options: .init(idempotencyKey: "create-0"))
        #expect(ids.contains(retry.ticket!.ticket_id!))
        #expect(try await client.call(Tickets.health, HealthRequest()).last_sequence == UInt64(count))
        await stack.shutdown()
    }
}

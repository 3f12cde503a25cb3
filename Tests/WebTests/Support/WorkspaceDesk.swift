import Bus
import Contract
import Domain
import Foundation

@testable import WebService

/// The people of `WebPeople` at work: the agent has a goodwill budget, there is a
/// Special Care team, and tickets are made for one customer on e-mail (24 open
/// hours to answer, always open).
struct WorkspaceDesk {
    let world: WebWorld
    let people: WebPeople
    let team: String

    init(_ world: WebWorld, budgetCents: Int64 = 5000) async throws {
        self.world = world
        people = try await WebPeople(world)
        let client = world.client
        team = try await client.call(Staff.getEmployee, .init(employee_id: people.agent)).employee!.team_id!
        _ = try await client.call(
            Staff.updateEmployee,
            .init(employee_id: people.agent, monthly_budget: Money(minorUnits: budgetCents, currency: .eur)))
        _ = try await client.call(Staff.createTeam, .init(name: "Special Care", kind: .specialCare))
    }

    /// A ticket of Anna's received `minutesAgo` minutes ago; returns its id.
    func ticket(_ subject: String, minutesAgo: Double = 0, assignee: String? = nil, team: String? = nil)
        async throws -> String
    {
        let received = Int64((Date().timeIntervalSince1970 - minutesAgo * 60) * 1000)
        return try await world.client.call(
            Tickets.createTicket,
            .init(
                customer: .init(name: "Anna de Vries", handle: "anna@example.nl", country: "NL", language: "nl"),
                channel: .email, product_category: "photo-books", subject: subject,
                notes: ["A gift for her grandmother's 80th birthday"], body: "The cover of my photo book is torn.",
                received_at_ms: received, assignee_id: assignee, team_id: team)
        ).ticket!.ticket_id!
    }
}

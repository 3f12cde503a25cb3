import Bus
import Contract
import Domain
import Foundation
import Synchronization
import TestSupport

/// The people and calls the end-to-end scenarios share.
struct StackScenario {
    let client: BusClient
    let agentID: String
    let teamID: String
    let specialCareID: String

    /// A service team with one in-house agent (goodwill budget EUR 50 a month) and a Special Care team.
    static func staffed(_ client: BusClient) async throws -> StackScenario {
        let team = try await client.call(
            Staff.createTeam,
            Staff.CreateTeamRequest(
                name: "Chat NL", kind: .serviceExperts, site: "utrecht", employer_id: "in-house", country: "NL"))
        let care = try await client.call(
            Staff.createTeam,
            Staff.CreateTeamRequest(
                name: "Special Care", kind: .specialCare, site: "utrecht", employer_id: "in-house", country: "NL"))
        let agent = try await client.call(
            Staff.createEmployee,
            Staff.CreateEmployeeRequest(
                name: "Daan Bakker", email: "daan@glimlach.example", team_id: team.team?.team_id,
                employer_id: "in-house",
                employer_kind: .inHouse, country: "NL", role: .serviceExpert, status: .active,
                monthly_budget: Money(minorUnits: 5_000, currency: .eur)))
        return StackScenario(
            client: client, agentID: agent.employee!.employee_id!, teamID: team.team!.team_id!,
            specialCareID: care.team!.team_id!)
    }

    /// A chat contact from a Dutch customer, assigned to the agent.
    func chatTicket(_ subject: String, customer: String = "Emma Willems") async throws -> Tickets.Ticket {
        let handle = customer.lowercased().replacingOccurrences(of: " ", with: ".") + "@mail.example"
        return try await client.call(
            Tickets.createTicket,
            Tickets.CreateTicketRequest(
                customer: Tickets.Customer(name: customer, handle: handle, country: "NL", language: "nl-NL"),
                channel: .chat, product_category: "photo-books", order_reference: "ORD-1", subject: subject,
                notes: ["Wedding album for her parents' anniversary"], body: "\(subject). Can you help?",
                assignee_id: agentID)
        ).ticket!
    }

    func gesture(_ ticketID: String, euros: Int64) async throws -> Tickets.Gesture {
        try await client.call(
            Tickets.grantGesture,
            Tickets.GrantGestureRequest(
                ticket_id: ticketID, kind: .replacement, amount: Money(minorUnits: euros * 100, currency: .eur),
                description: "A new album, no questions asked")
        ).gesture!
    }

    /// Today in Amsterdam, for analytics queries.
    static var today: TimeWindow { .day(containing: Date(), in: TimeZone(identifier: "Europe/Amsterdam")!) }

    /// The survey invitation feedback makes when the ticket is resolved.
    func invitation(ticketID: String) async throws -> Feedback.Invitation {
        let client = client
        let box = Mutex<Feedback.Invitation?>(nil)
        try await waitUntil("feedback invites the customer", timeout: .seconds(20)) {
            let found = try await client.call(
                Feedback.listInvitations, Feedback.ListInvitationsRequest(ticket_id: ticketID)
            )
            .invitations.first
            box.withLock { $0 = found }
            return found?.token != nil
        }
        return box.withLock { $0 }!
    }
}

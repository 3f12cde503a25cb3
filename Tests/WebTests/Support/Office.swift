import Bus
import Contract
import Domain
import Foundation
import Synchronization
import TestSupport

/// A service team as the front-office journey needs it: lead Vera, agents Wim
/// (EUR 20.00 goodwill a month) and Noor, each signing in with `password`, and a
/// one-to-one of Wim's that only he, Vera, HR and the director may read.
struct Office {
    static let leadEmail = "vera@glimlach.example"
    static let agentEmail = "wim@glimlach.example"
    static let colleagueEmail = "noor@glimlach.example"

    let client: BusClient
    let lead: String
    let agent: String
    let colleague: String
    let team: String

    init(_ client: BusClient, password: String) async throws {
        self.client = client
        let options = CallOptions(timeout: .seconds(30))
        func person(_ name: String, _ email: String, _ role: Staff.EmployeeRole, team: String?) async throws -> String {
            let id = try await client.call(
                Staff.createEmployee,
                .init(
                    name: name, email: email, team_id: team, country: "NL", role: role, status: .active,
                    monthly_budget: Money(minorUnits: 2000, currency: .eur)), options: options
            ).employee!.employee_id!
            _ = try await client.call(Staff.setPassword, .init(employee_id: id, password: password), options: options)
            return id
        }
        lead = try await person("Vera de Wit", Self.leadEmail, .teamLead, team: nil)
        team = try await client.call(
            Staff.createTeam, .init(name: "Photo books", kind: .serviceExperts, lead_id: lead), options: options
        ).team!.team_id!
        agent = try await person("Wim Jansen", Self.agentEmail, .serviceExpert, team: team)
        colleague = try await person("Noor Visser", Self.colleagueEmail, .serviceExpert, team: team)
        _ = try await client.call(
            Staff.addOneToOneNote,
            .init(employee_id: agent, author_id: lead, text: "Wants to coach new colleagues"), options: options)
    }

    /// A Dutch customer's e-mail in the team's queue, nobody's yet; returns its id.
    func ticket(_ subject: String) async throws -> String {
        try await client.call(
            Tickets.createTicket,
            .init(
                customer: .init(name: "Anna de Vries", handle: "anna@example.nl", country: "NL", language: "nl"),
                channel: .email, product_category: "photo-books", subject: subject,
                notes: ["A gift for her grandmother's 80th birthday"], body: "De kaft van mijn fotoboek is gescheurd.",
                team_id: team)
        ).ticket!.ticket_id!
    }

    /// The survey link feedback made when the ticket was resolved.
    func invitation(_ ticket: String) async throws -> String {
        let token = Mutex<String?>(nil)
        try await waitUntil("feedback invites the customer", timeout: .seconds(20)) { [client] in
            let found = try await client.call(Feedback.listInvitations, .init(ticket_id: ticket)).invitations.first
            token.withLock { $0 = found?.token }
            return found?.token != nil
        }
        return token.withLock { $0 } ?? ""
    }

    /// Waits until analytics counts `agentAnswers` answers for the agent.
    func waitForAnalytics(agentAnswers: UInt64) async throws {
        let now = Date()
        let window = try Domain.TimeWindow(
            from: now.addingTimeInterval(-7 * 86400), to: now.addingTimeInterval(86400), timeZone: .gmt)
        try await waitUntil("analytics counts the agent's answer", timeout: .seconds(20)) { [client, agent] in
            let ranking = try await client.call(
                Analytics.getPersonalNpsRanking, .init(window: window, min_responses: 1))
            return ranking.ranked.first { $0.employee_id == agent }?.n == agentAnswers
        }
    }
}

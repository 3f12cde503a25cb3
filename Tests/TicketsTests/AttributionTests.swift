import Bus
import Contract
import Domain
import Testing

/// Who a ticket counts for: the employer at resolution, Special Care for follow-ups,
/// and only trained employees as owners.
@Suite("Attribution of tickets", .serialized)
struct AttributionTests {
    @Test("an agent moved to a partner agency before resolving is credited to the agency")
    func employerAtResolution() async throws {
        let harness = try await TicketsHarness()
        let team = try await harness.team("Service experts Utrecht")
        let agent = try await harness.employee("Sanne Bakker", team: team, employer: "in-house")
        let id = try await harness.create(assignee: agent).ticket_id!
        _ = try await harness.client.call(
            Staff.updateEmployee, .init(employee_id: agent, employer_id: "partner-callcenter", employer_kind: .partner))
        _ = try await harness.client.call(Tickets.resolveTicket, .init(ticket_id: id, summary: "Replaced the book"))
        let event = try #require(
            try harness.published.payloads("ticket.resolved", as: Tickets.TicketResolved.self).last)
        #expect(event.agent_id == agent)
        #expect(event.employer_id == "partner-callcenter")
        #expect(try await harness.get(id).employer_id == "partner-callcenter")
        await harness.shutdown()
    }

    @Test("an unassigned ticket credits whoever resolved it, with their employer")
    func resolverEmployer() async throws {
        let harness = try await TicketsHarness()
        let agent = try await harness.employee("Noor de Wit", employer: "partner-staffing")
        let id = try await harness.create().ticket_id!
        _ = try await harness.client.call(
            Tickets.resolveTicket, .init(ticket_id: id, resolved_by_id: agent, summary: "Answered on the phone"))
        let event = try #require(
            try harness.published.payloads("ticket.resolved", as: Tickets.TicketResolved.self).last)
        #expect(event.agent_id == agent && event.employer_id == "partner-staffing")
        await harness.shutdown()
    }

    @Test("a detractor follow-up belongs to Special Care from its creation")
    func followUpTeamFromTheStart() async throws {
        let harness = try await TicketsHarness()
        let specialCare = try await harness.team("Special Care", kind: .specialCare)
        let original = try await harness.create().ticket_id!
        let opened = try await harness.client.call(
            Tickets.openFollowUp, .init(response_id: "rsp-9", ticket_id: original, score: 3))
        let ticketID = try #require(opened.ticket?.ticket_id)
        let created = try harness.published.payloads("ticket.created", as: Tickets.TicketCreated.self)
        #expect(created.first { $0.ticket_id == ticketID }?.team_id == specialCare)
        await harness.shutdown()
    }

    @Test("candidates and people in onboarding cannot own tickets; probation and active can")
    func onlyTrainedOwners() async throws {
        let harness = try await TicketsHarness()
        let id = try await harness.create().ticket_id!
        for status in [Staff.EmployeeStatus.candidate, .onboarding] {
            let person = try await harness.client.call(
                Staff.createEmployee,
                .init(
                    name: "New \(status)", email: "new.\(status.rawValue)@example.com", country: "NL", status: status)
            ).employee!.employee_id!
            let assign = await rpcError {
                _ = try await harness.client.call(Tickets.assignTicket, .init(ticket_id: id, assignee_id: person))
            }
            #expect(assign?.code == .failedPrecondition)
            #expect(assign?.message.hasPrefix("assignee_id:") == true, "\(assign?.message ?? "")")
            let create = await rpcError { _ = try await harness.create(assignee: person) }
            #expect(create?.code == .failedPrecondition)
        }
        let trainee = try await harness.client.call(
            Staff.createEmployee,
            .init(name: "Probation Pim", email: "pim@example.com", country: "NL", status: .probation)
        ).employee!.employee_id!
        let assigned = try await harness.client.call(Tickets.assignTicket, .init(ticket_id: id, assignee_id: trainee))
        #expect(assigned.ticket?.assignee_id == trainee)
        #expect(try await harness.get(id).assignee_id == trainee)
        await harness.shutdown()
    }
}

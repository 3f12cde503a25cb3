import Bus
import Contract
import Domain
import Foundation
import TestSupport
import Testing

@testable import TicketsService

@Suite("tickets: assignment checked with staff", .serialized, .timeLimit(.minutes(2)))
struct AssignmentTests {
    @Test("assigning to a staff member puts the ticket in their team, with their employer")
    func assignsToEmployee() async throws {
        let harness = try await TicketsHarness()
        let team = try await harness.team("Service experts")
        let agent = try await harness.employee("Dewi Smit", team: team, employer: "teleperformance")
        let id = try await harness.create().ticket_id!
        let assigned = try await harness.client.call(
            Tickets.assignTicket, .init(ticket_id: id, assignee_id: agent, assigned_by_id: "emp-lead")
        ).ticket!
        #expect(assigned.assignee_id == agent && assigned.team_id == team && assigned.employer_id == "teleperformance")
        let event = try #require(
            try harness.published.payloads("ticket.assigned", as: Tickets.TicketAssigned.self).first)
        #expect(event.assignee_id == agent && event.team_id == team && event.assigned_by_id == "emp-lead")
        // Only a team: unassigned in that team's queue.
        let other = try await harness.team("Social media", kind: .socialMedia)
        let queued = try await harness.client.call(Tickets.assignTicket, .init(ticket_id: id, team_id: other)).ticket!
        #expect(queued.assignee_id == nil && queued.team_id == other)
        await harness.shutdown()
    }

    @Test("an unknown assignee or team is NOT_FOUND, named by field; nothing changes")
    func unknownAssignee() async throws {
        let harness = try await TicketsHarness()
        let id = try await harness.create().ticket_id!
        let employee = await rpcError {
            _ = try await harness.client.call(Tickets.assignTicket, .init(ticket_id: id, assignee_id: "emp-nobody"))
        }
        #expect(employee?.code == .notFound && employee?.message.hasPrefix("assignee_id:") == true)
        let team = await rpcError {
            _ = try await harness.client.call(Tickets.assignTicket, .init(ticket_id: id, team_id: "team-nowhere"))
        }
        #expect(team?.code == .notFound && team?.message.hasPrefix("team_id:") == true)
        let create = await rpcError { _ = try await harness.create(assignee: "emp-nobody") }
        #expect(create?.code == .notFound)
        #expect(
            await code { _ = try await harness.client.call(Tickets.assignTicket, .init(ticket_id: id)) }
                == .invalidArgument)
        #expect(try await harness.get(id).assignee_id == nil)
        #expect(!harness.published.types().contains("ticket.assigned"))
        await harness.shutdown()
    }

    @Test("an employee who left cannot take tickets: FAILED_PRECONDITION")
    func leftEmployee() async throws {
        let harness = try await TicketsHarness()
        let agent = try await harness.employee("Eva Visser")
        _ = try await harness.client.call(Staff.updateEmployee, .init(employee_id: agent, status: .left))
        let id = try await harness.create().ticket_id!
        #expect(
            await code {
                _ = try await harness.client.call(Tickets.assignTicket, .init(ticket_id: id, assignee_id: agent))
            }
                == .failedPrecondition)
        await harness.shutdown()
    }

    @Test("with staff down, assignment answers UNAVAILABLE and records nothing")
    func staffDown() async throws {
        let harness = try await TicketsHarness(staff: false)
        let id = try await harness.create().ticket_id!
        let before = harness.published.all.count
        #expect(
            await code {
                _ = try await harness.client.call(Tickets.assignTicket, .init(ticket_id: id, assignee_id: "emp-1"))
            }
                == .unavailable)
        #expect(await code { _ = try await harness.create(assignee: "emp-1") } == .unavailable)
        #expect(harness.published.all.count == before)
        await harness.shutdown()
    }
}

import Bus
import Contract
import Domain
import Foundation
import TestSupport
import Testing

@testable import TicketsService

@Suite("tickets: escalation to Special Care", .serialized, .timeLimit(.minutes(2)))
struct EscalationTests {
    @Test("an agent escalates with a reason: the Special Care team's queue, unassigned")
    func agentEscalates() async throws {
        let harness = try await TicketsHarness()
        let specialCare = try await harness.team("Special Care", kind: .specialCare)
        let team = try await harness.team("Service experts")
        let agent = try await harness.employee("Fleur Mulder", team: team)
        let id = try await harness.create(assignee: agent).ticket_id!
        let client = harness.client
        #expect(
            await code {
                _ = try await client.call(Tickets.escalateTicket, .init(ticket_id: id, escalated_by_id: agent))
            }
                == .invalidArgument)
        let escalated = try await client.call(
            Tickets.escalateTicket,
            .init(ticket_id: id, escalated_by_id: agent, reason: "Wrong hair dye, customer in tears")
        ).ticket!
        #expect(escalated.special_care == true && escalated.team_id == specialCare && escalated.assignee_id == nil)
        #expect(
            escalated.escalation_trigger == .agent && escalated.escalation_reason == "Wrong hair dye, customer in tears"
        )
        let event = try #require(
            try harness.published.payloads("ticket.escalated", as: Tickets.TicketEscalated.self).first)
        #expect(event.previous_assignee_id == agent && event.previous_team_id == team && event.escalated_by_id == agent)
        #expect(
            await code {
                _ = try await client.call(
                    Tickets.escalateTicket, .init(ticket_id: id, escalated_by_id: agent, reason: "again"))
            } == .failedPrecondition)
        await harness.shutdown()
    }

    @Test("without a Special Care team in staff, escalation is FAILED_PRECONDITION and nothing changes")
    func noSpecialCareTeam() async throws {
        let harness = try await TicketsHarness()
        let id = try await harness.create().ticket_id!
        #expect(
            await code {
                _ = try await harness.client.call(
                    Tickets.escalateTicket, .init(ticket_id: id, escalated_by_id: "emp-a", reason: "needs care"))
            } == .failedPrecondition)
        #expect(try await harness.get(id).special_care == false)
        await harness.shutdown()
    }

    @Test("the third contact on the same order goes to Special Care by itself")
    func thirdContactEscalates() async throws {
        let harness = try await TicketsHarness()
        let specialCare = try await harness.team("Special Care", kind: .specialCare)
        let first = try await harness.create(order: "ORD-77")
        let second = try await harness.create(order: "ORD-77")
        let other = try await harness.create(order: "ORD-78")
        let third = try await harness.create(order: "ORD-77")
        #expect(first.contact_number == 1 && second.contact_number == 2 && third.contact_number == 3)
        #expect(first.special_care == false && second.special_care == false && other.special_care == false)
        #expect(third.special_care == true && third.team_id == specialCare)
        #expect(third.escalation_trigger == .repeatContact)
        #expect(harness.published.types(third.ticket_id).suffix(1) == ["ticket.escalated"])
        await harness.shutdown()
    }

    @Test("OpenFollowUp opens one Special Care ticket per survey response, however often it is retried")
    func followUpIsIdempotent() async throws {
        let harness = try await TicketsHarness()
        let specialCare = try await harness.team("Special Care", kind: .specialCare)
        let original = try await harness.create(order: "ORD-5").ticket_id!
        let request = Tickets.OpenFollowUpRequest(
            response_id: "rsp-1", ticket_id: original, score: 2, comment: "The replacement was damaged too")
        let client = harness.client
        let opened = try await client.call(Tickets.openFollowUp, request, options: .init(idempotencyKey: "fb-1"))
        #expect(opened.created == true)
        let ticket = try #require(opened.ticket)
        #expect(
            ticket.special_care == true && ticket.team_id == specialCare
                && ticket.escalation_trigger == .detractorFollowUp)
        #expect(ticket.follow_up?.response_id == "rsp-1" && ticket.follow_up?.original_ticket_id == original)
        #expect(ticket.customer?.handle == "anna@example.nl" && ticket.channel == .email)
        // Retries, with the same key, another key, or none: the same ticket, not created.
        for key in ["fb-1", "fb-2", nil] {
            let retry = try await client.call(Tickets.openFollowUp, request, options: .init(idempotencyKey: key))
            #expect(retry.ticket?.ticket_id == ticket.ticket_id && retry.created == false)
        }
        #expect(
            harness.published.types(ticket.ticket_id)
                == ["ticket.created", "ticket.follow_up_opened", "ticket.escalated"])
        #expect(harness.published.types().filter { $0 == "ticket.follow_up_opened" }.count == 1)
        // Resolving it names the response in ticket.resolved.
        _ = try await client.call(
            Tickets.resolveTicket, .init(ticket_id: ticket.ticket_id, summary: "Called her, sent flowers"))
        let resolved = try harness.published.payloads("ticket.resolved", as: Tickets.TicketResolved.self)
        #expect(resolved.last?.follow_up_response_id == "rsp-1")
        await harness.shutdown()
    }

    @Test("OpenFollowUp checks its input: response id, score, an original ticket that exists")
    func followUpRefusals() async throws {
        let harness = try await TicketsHarness()
        _ = try await harness.team("Special Care", kind: .specialCare)
        let client = harness.client
        let noResponse = await rpcError { _ = try await client.call(Tickets.openFollowUp, .init(ticket_id: "tkt-1")) }
        #expect(noResponse?.code == .invalidArgument && noResponse?.message.hasPrefix("response_id:") == true)
        let badScore = await rpcError {
            _ = try await client.call(Tickets.openFollowUp, .init(response_id: "rsp-2", score: 11))
        }
        #expect(badScore?.message.hasPrefix("score:") == true)
        #expect(
            await code {
                _ = try await client.call(Tickets.openFollowUp, .init(response_id: "rsp-3", ticket_id: "tkt-gone"))
            }
                == .notFound)
        let noChannel = await rpcError {
            _ = try await client.call(
                Tickets.openFollowUp,
                .init(
                    response_id: "rsp-4", customer: TicketsHarness.customer("anna at the counter"), score: 3,
                    product_category: "toys"))
        }
        #expect(noChannel?.message.hasPrefix("channel:") == true)
        // The channel follows the handle's shape when none is given.
        let byHandle = try await client.call(
            Tickets.openFollowUp, .init(response_id: "rsp-6", customer: TicketsHarness.customer("+32 470 12 34 56")))
        #expect(byHandle.ticket?.channel == .phone && byHandle.ticket?.product_category == "unspecified")
        // A response without a ticket, with its own attribution.
        let direct = try await client.call(
            Tickets.openFollowUp,
            .init(
                response_id: "rsp-5", customer: TicketsHarness.customer(), score: 0, channel: .chat,
                product_category: "toys"))
        #expect(direct.created == true && direct.ticket?.follow_up?.original_ticket_id == nil)
        await harness.shutdown()
    }
}

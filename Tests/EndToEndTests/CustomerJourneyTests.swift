import Bus
import Contract
import Domain
import Foundation
import Synchronization
import TestSupport
import Testing

@Suite("the compose stack end to end", .serialized, .timeLimit(.minutes(3)))
struct CustomerJourneyTests {
    @Test(
        "a chat contact becomes a ticket, is answered, resolved and surveyed; a detractor opens one Special Care follow-up; analytics reports the new NPS"
    )
    func chatContactToNPS() async throws {
        let stack = try await ComposeHarness()
        do {
            let scenario = try await StackScenario.staffed(stack.client)
            let client = stack.client
            let ticket = try await scenario.chatTicket("Photo book arrived damaged")
            let id = try #require(ticket.ticket_id)
            #expect(ticket.team_id == scenario.teamID)

            _ = try await client.call(
                Tickets.addMessage,
                Tickets.AddMessageRequest(
                    ticket_id: id, kind: .publicReply, author_id: scenario.agentID,
                    body: "So sorry! A new one is on its way."))
            let answered = try await client.call(Tickets.getTicket, Tickets.GetTicketRequest(ticket_id: id)).ticket
            #expect(answered?.sla?.first_response_at_ms != nil)
            _ = try await client.call(
                Tickets.resolveTicket,
                Tickets.ResolveTicketRequest(ticket_id: id, resolved_by_id: scenario.agentID, summary: "Replaced"))

            let invitation = try await scenario.invitation(ticketID: id)
            #expect(invitation.attribution?.agent_id == scenario.agentID)
            #expect(invitation.attribution?.channel == .chat)
            let response = try await client.call(
                Feedback.submitResponse,
                Feedback.SubmitResponseRequest(
                    token: invitation.token, score: 3, comment: "Took three chats to get this sorted."))
            #expect(response.response?.category == .detractor)

            try await waitUntil("one Special Care follow-up ticket is open", timeout: .seconds(20)) {
                let careTickets = try await client.call(
                    Tickets.listTickets, Tickets.ListTicketsRequest(team_id: scenario.specialCareID)
                ).tickets
                return careTickets.count == 1 && careTickets[0].follow_up != nil
            }
            try await waitUntil("analytics counts the detractor", timeout: .seconds(20)) {
                let nps = try await client.call(Analytics.getNps, Analytics.GetNpsRequest(window: StackScenario.today))
                return nps.total?.n == 1 && nps.total?.detractors == 1 && nps.total?.nps == -100
            }
            let careTickets = try await client.call(
                Tickets.listTickets, Tickets.ListTicketsRequest(team_id: scenario.specialCareID)
            ).tickets
            #expect(careTickets.count == 1)
        } catch {
            Issue.record("\(error)\n--- recent logs ---\n\(stack.recentLog)")
        }
        await stack.shutdown()
    }

    @Test("a gesture within the agent's budget is granted at once; one over budget is refused naming what remains")
    func goodwillBudget() async throws {
        let stack = try await ComposeHarness()
        do {
            let scenario = try await StackScenario.staffed(stack.client)
            let ticket = try await scenario.chatTicket("LEGO set missing a bag")
            let granted = try await scenario.gesture(ticket.ticket_id!, euros: 30)
            #expect(granted.outcome == .granted)
            let refused = try await scenario.gesture(ticket.ticket_id!, euros: 30)
            #expect(refused.outcome == .refused)
            #expect(refused.refusal_reason?.contains("20") == true)
            let budget = try await stack.client.call(
                Staff.getBudget, Staff.GetBudgetRequest(employee_id: scenario.agentID))
            #expect(budget.budget?.remaining?.minorUnits == 2_000)
        } catch {
            Issue.record("\(error)\n--- recent logs ---\n\(stack.recentLog)")
        }
        await stack.shutdown()
    }
}

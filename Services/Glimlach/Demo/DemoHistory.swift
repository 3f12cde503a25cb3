import Bus
import Contract
import Domain
import Foundation

/// The weeks before the live demo, brought in the way a team moving over from
/// another tool brings its history: tickets with their own times (`ImportTicket`),
/// survey answers with their answered time (`ImportResponse`) and compliments with
/// the day they came in. Trends then start weeks back instead of on one day.
struct DemoHistory {
    let client: BusClient
    let staffing: DemoStaffing
    /// Nothing is imported after this: later steps of a contact had not happened yet.
    let now: Date
    /// Detractors who answered before this were followed up in the old tool; of the
    /// later ones, those the draw says were not are followed up here.
    let followedUpBefore: Date

    /// What one imported contact left behind.
    struct Imported: Sendable {
        let contact: DemoContact
        let ticketID: String
        let responseID: String?
    }

    /// Imports one contact: the ticket, the customer's answer a few hours after the
    /// resolution, and for a happy, quotable answer a compliment for the agent.
    func bring(_ contact: DemoContact) async throws -> Imported {
        let agentID = staffing.employees[contact.agent.name]
        let answeredAt = contact.receivedAt.addingTimeInterval(contact.answeredAfter)
        let resolvedAt = answeredAt.addingTimeInterval(contact.resolveAfter)
        let resolved = contact.resolve && resolvedAt < now
        let ticket = try await client.call(
            Tickets.importTicket,
            Tickets.ImportTicketRequest(
                external_id: "demo-history-\(contact.number)", customer: contact.customer,
                channel: contact.channel, product_category: contact.category,
                order_reference: "ORD-H\(100_000 + contact.number)", subject: contact.story.subject,
                assignee_id: agentID, received_at_ms: contact.receivedAt.unixMilliseconds,
                first_response_at_ms: answeredAt < now ? answeredAt.unixMilliseconds : nil,
                resolved_at_ms: resolved ? resolvedAt.unixMilliseconds : nil,
                first_contact_resolution: contact.firstContact)
        ).ticket
        guard let ticketID = ticket?.ticket_id else {
            throw DemoError("tickets imported contact \(contact.number) without an id")
        }
        let surveyedAt = resolvedAt.addingTimeInterval(contact.surveyAfter)
        guard resolved, surveyedAt < now, let score = contact.score else {
            return Imported(contact: contact, ticketID: ticketID, responseID: nil)
        }
        let response = try await client.call(
            Feedback.importResponse,
            Feedback.ImportResponseRequest(
                external_id: "demo-history-\(contact.number)", score: Int32(score), comment: contact.comment,
                consent_to_quote: contact.consent,
                attribution: Feedback.Attribution(
                    ticket_id: ticketID, agent_id: agentID, team_id: ticket?.team_id, employer_id: ticket?.employer_id,
                    channel: contact.channel, country: contact.country, product_category: contact.category,
                    contact_at_ms: resolvedAt.unixMilliseconds),
                customer_id: ticket?.customer?.customer_id, answered_at_ms: surveyedAt.unixMilliseconds,
                follow_up_done: score <= 6 ? surveyedAt < followedUpBefore || contact.followedUpElsewhere : nil)
        ).response
        if score >= 9, contact.consent, let agentID {
            _ = try await client.call(
                Feedback.createCompliment,
                Feedback.CreateComplimentRequest(
                    response_id: response?.response_id, employee_id: agentID, text: contact.comment,
                    customer_display_name: contact.customerName, value_ids: Array(staffing.values.prefix(1)),
                    consent_to_show: true, received_at_ms: surveyedAt.unixMilliseconds),
                options: .init(idempotencyKey: "demo-history-compliment-\(contact.number)"))
        }
        return Imported(contact: contact, ticketID: ticketID, responseID: response?.response_id)
    }
}

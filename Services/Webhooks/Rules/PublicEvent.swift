import Bus
import Contract
import Foundation
import Wire

/// The events webhooks offer, under public names of their own, and the services'
/// events they come from. The list is fixed: a subscription names only these.
enum PublicEvent: String, CaseIterable, Sendable {
    case ticketCreated = "ticket.created"
    case ticketResolved = "ticket.resolved"
    case ticketEscalated = "ticket.escalated"
    case gestureGranted = "gesture.granted"
    case responseSubmitted = "response.submitted"
    /// A survey answer of 0..6.
    case detractorAnswered = "detractor.answered"
    case complimentReceived = "compliment.received"

    /// Every public type, in the documented order.
    static var names: [String] { allCases.map(\.rawValue) }

    /// The public events a service's event stands for (a detractor's answer is
    /// both `response.submitted` and `detractor.answered`), with the payload's
    /// message schema.
    static func of(_ event: Event) -> (events: [PublicEvent], schema: MessageSchema)? {
        switch (event.service, event.type) {
        case (Tickets.service, "ticket.created"): ([.ticketCreated], Tickets.TicketCreated.schema)
        case (Tickets.service, "ticket.resolved"): ([.ticketResolved], Tickets.TicketResolved.schema)
        case (Tickets.service, "ticket.escalated"): ([.ticketEscalated], Tickets.TicketEscalated.schema)
        case (Tickets.service, "gesture.granted"): ([.gestureGranted], Tickets.GestureGranted.schema)
        case (Feedback.service, "compliment.created"): ([.complimentReceived], Feedback.ComplimentCreated.schema)
        case (Feedback.service, "response.submitted"):
            (
                isDetractor(event) ? [.responseSubmitted, .detractorAnswered] : [.responseSubmitted],
                Feedback.ResponseSubmitted.schema
            )
        default: nil
        }
    }

    /// Whether a `response.submitted` event's score is 0..6.
    private static func isDetractor(_ event: Event) -> Bool {
        guard let score = (try? Feedback.ResponseSubmitted(wireBytes: event.payload))?.score else { return false }
        return (0...6).contains(score)
    }
}

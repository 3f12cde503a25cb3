import Contract
import Domain

/// A ticket as the store keeps it: its contract view (without messages, notes and
/// gestures, which live in their own tables) and what the contract does not show.
struct TicketRecord: Sendable, Equatable {
    /// `messages`, `notes`, `gestures` and `sla` stay empty here; `GetTicket` fills them.
    var ticket: Tickets.Ticket
    /// The first-response clock.
    var clock: ResponseClock
    /// Who logged the ticket (an agent taking a call); the author of its first notes.
    var createdByID: String?
    /// A customer message came after the first public reply: not resolved on first contact.
    var inboundAfterReply = false

    var id: String { ticket.ticket_id ?? "" }
    var status: Tickets.TicketStatus { ticket.status ?? .unspecified }
    var channel: Channel? { ticket.channel }
    var country: String? { ticket.customer?.country }
}

/// The first-response clock of one ticket: started when the customer made contact,
/// counted in the channel's open hours, stopped by the first public reply. The
/// target is a snapshot of the channel's target when the ticket was created.
struct ResponseClock: Sendable, Equatable {
    var receivedAtMs: Int64
    /// Open-hours milliseconds; 0 when answered live.
    var targetMs: Int64
    var answeredLive: Bool
    var atRiskShare: Double
    var escalateOnBreach: Bool
    var firstResponseAtMs: Int64?
    /// Open-hours milliseconds from contact to first public reply.
    var firstResponseMs: Int64?
    /// What the scheduler (or the first reply) last flagged: ON_TRACK, AT_RISK,
    /// BREACHED, MET or MISSED. Listing filters use it.
    var flag: Tickets.SlaState

    init(receivedAtMs: Int64, target: FirstResponseTarget) {
        self.receivedAtMs = receivedAtMs
        targetMs = Int64((target.openSeconds * 1000).rounded())
        answeredLive = target.isAnsweredLive
        atRiskShare = target.atRiskShare
        escalateOnBreach = target.escalatesOnBreach
        if target.isAnsweredLive {
            firstResponseAtMs = receivedAtMs
            firstResponseMs = 0
            flag = .met
        } else {
            flag = .onTrack
        }
    }

    init(
        receivedAtMs: Int64, targetMs: Int64, answeredLive: Bool, atRiskShare: Double, escalateOnBreach: Bool,
        firstResponseAtMs: Int64?, firstResponseMs: Int64?, flag: Tickets.SlaState
    ) {
        self.receivedAtMs = receivedAtMs
        self.targetMs = targetMs
        self.answeredLive = answeredLive
        self.atRiskShare = atRiskShare
        self.escalateOnBreach = escalateOnBreach
        self.firstResponseAtMs = firstResponseAtMs
        self.firstResponseMs = firstResponseMs
        self.flag = flag
    }

    /// Still waiting for a first public reply.
    var isRunning: Bool { firstResponseAtMs == nil }
}

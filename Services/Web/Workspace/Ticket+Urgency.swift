import Contract

extension Tickets.Ticket {
    /// Whether the ticket still waits for someone: new, open, pending or reopened.
    static let activeStatuses: [Tickets.TicketStatus] = [.new, .open, .pendingCustomer, .reopened]

    /// Inbox order: breached first, then at risk, then on track, then answered;
    /// within each, the least time left first, then the oldest.
    static func byUrgency(_ a: Tickets.Ticket, _ b: Tickets.Ticket) -> Bool {
        let (left, right) = (a.urgencyRank, b.urgencyRank)
        if left != right { return left < right }
        let (leftMs, rightMs) = (a.sla?.remaining_ms ?? .max, b.sla?.remaining_ms ?? .max)
        if leftMs != rightMs { return leftMs < rightMs }
        return (a.created_at_ms ?? 0) < (b.created_at_ms ?? 0)
    }

    private var urgencyRank: Int {
        switch sla?.state {
        case .breached: 0
        case .atRisk: 1
        case .onTrack: 2
        default: 3
        }
    }
}

import ServiceKit
import Contract

/// The ticket lifecycle. NEW, OPEN and PENDING_CUSTOMER are working states an agent
/// moves between (SetTicketStatus); RESOLVED, REOPENED and CLOSED have their own
/// methods. CLOSED is final.
extension Tickets.TicketStatus {
    /// Still being worked on: not resolved, not closed.
    var isActive: Bool { self == .new || self == .open || self == .pendingCustomer || self == .reopened }

    /// The name people read, e.g. "pending customer".
    var label: String {
        switch self {
        case .unspecified: "unspecified"
        case .new: "new"
        case .open: "open"
        case .pendingCustomer: "pending customer"
        case .resolved: "resolved"
        case .closed: "closed"
        case .reopened: "reopened"
        }
    }

    /// Checks a SetTicketStatus move to `target`.
    /// - Throws: INVALID_ARGUMENT for targets that have their own method;
    ///   FAILED_PRECONDITION for a move the lifecycle does not allow.
    func checkMove(to target: Tickets.TicketStatus) throws(Refusal) {
        switch target {
        case .new, .open, .pendingCustomer: break
        case .resolved, .closed, .reopened:
            throw .invalid(
                field: "status", "use ResolveTicket, ReopenTicket or CloseTicket to make a ticket \(target.label)")
        case .unspecified: throw .invalid(field: "status", "must be set")
        }
        guard isActive else {
            throw Refusal.precondition("a \(label) ticket cannot become \(target.label); reopen it first")
        }
        if target == .new && self != .new {
            throw Refusal.precondition("a \(label) ticket cannot become new again")
        }
    }

    /// Checks ResolveTicket.
    func checkResolve() throws(Refusal) {
        guard isActive else { throw Refusal.precondition("a \(label) ticket cannot be resolved") }
    }

    /// Checks ReopenTicket: only a resolved ticket reopens; closed is final.
    func checkReopen() throws(Refusal) {
        guard self == .resolved else {
            throw Refusal.precondition(
                self == .closed
                    ? "a closed ticket is final; create a new ticket"
                    : "only a resolved ticket can be reopened, this one is \(label)")
        }
    }

    /// Checks CloseTicket: resolve first.
    func checkClose() throws(Refusal) {
        guard self == .resolved else {
            throw Refusal.precondition("only a resolved ticket can be closed, this one is \(label); resolve it first")
        }
    }
}

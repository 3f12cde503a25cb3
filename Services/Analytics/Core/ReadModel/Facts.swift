/// The attributes a fact can be filtered and grouped by, dictionary-encoded
/// (see `Interner`); 0 means "not known" (channel: unspecified).
struct Dims: Hashable {
    var country: UInt32 = 0
    var category: UInt32 = 0
    var employee: UInt32 = 0
    var team: UInt32 = 0
    var employer: UInt32 = 0
    var channel: UInt8 = 0
}

/// A fact with a time: where it falls in a window.
protocol TimedFact {
    var atMs: Int64 { get }
}

/// A survey answer (feedback `response.submitted`), credited by its frozen attribution.
struct ResponseFact: TimedFact {
    var atMs: Int64
    var dims: Dims
    var score: Int8
}

/// A ticket as first-response figures see it, dated by creation. The 8-byte fields
/// come first and the flags after `dims`, where they fill its padding: 64 bytes a
/// ticket instead of 72 (one in every ticket kept in memory).
struct TicketFact: TimedFact {
    var atMs: Int64
    /// Open-hours response time of the first public reply; -1 while unanswered.
    var responseMs: Int64 = -1
    /// When the first-response target runs out (`ticket.created`); -1 when unknown.
    var dueAtMs: Int64 = -1
    /// Latest resolution; -1 when not resolved.
    var resolvedAtMs: Int64 = -1
    var dims: Dims
    var withinTarget = false
    /// Unanswered past its target (`ticket.sla_breached`).
    var breached = false
    /// The latest resolution fact.
    var lastResolution = FactHandle.none

    /// Unanswered past its target: flagged by tickets' scheduler, or derived from the
    /// due time and the resolution (or `nowMs` while open), as `GetSlaStatus` does, so
    /// the answer does not depend on whether the scheduler ran before the resolution.
    func isOverdue(nowMs: Int64) -> Bool {
        guard responseMs < 0 else { return false }
        if breached { return true }
        return dueAtMs >= 0 && dueAtMs <= (resolvedAtMs >= 0 ? resolvedAtMs : nowMs)
    }
}

/// One resolution (`ticket.resolved`); a later resolution of the same ticket supersedes it.
struct ResolutionFact: TimedFact {
    var atMs: Int64
    var dims: Dims
    var firstContact: Bool
    var superseded = false
}

/// An escalation to Special Care; `team` is the team before escalation.
struct EscalationFact: TimedFact {
    var atMs: Int64
    var dims: Dims
    var trigger: UInt8
    var ticket: FactHandle
}

/// A goodwill decision; a refusal later approved is superseded by the grant.
struct GestureFact: TimedFact {
    var atMs: Int64
    var dims: Dims
    var kind: UInt8
    var currency: UInt32
    var amount: Int64
    var granted: Bool
    var approvedOverBudget: Bool
    var superseded = false
}

/// A detractor follow-up, dated by its request, with the original contact's attribution.
struct FollowUpFact: TimedFact {
    var atMs: Int64
    var dims: Dims
    var openedAtMs: Int64 = -1
    var closedAtMs: Int64 = -1
    /// Tickets refused it for good (`follow_up.failed`); -1 otherwise.
    var failedAtMs: Int64 = -1
}

/// A compliment to an employee or team: from a customer (feedback) or a colleague (staff).
struct ComplimentFact: TimedFact {
    var atMs: Int64
    var dims: Dims
    var values: [UInt32]
    var withConsent: Bool
    var fromPeer: Bool
}

/// Promoters, passives and detractors.
struct NpsCounts: Equatable {
    var promoters: UInt64 = 0
    var passives: UInt64 = 0
    var detractors: UInt64 = 0

    mutating func add(score: Int8) {
        if score >= 9 { promoters += 1 } else if score >= 7 { passives += 1 } else { detractors += 1 }
    }

    static func += (lhs: inout NpsCounts, rhs: NpsCounts) {
        lhs.promoters += rhs.promoters
        lhs.passives += rhs.passives
        lhs.detractors += rhs.detractors
    }

    var n: UInt64 { promoters + passives + detractors }
}

/// What staff tells about an employee now.
struct EmployeeInfo {
    var name: String = ""
    var team: UInt32 = 0
    var employer: UInt32 = 0
    /// Decides which personal figures the employee sees (`PersonalNpsRights`).
    var role: Int32 = 0
}

import Contract

extension ReadModelState {
    /// EMPLOYEE is the agent who answered (or owns the ticket while unanswered): for the
    /// agent's own view and coaching; the reply orders rows by key, never by speed.
    static let firstResponseDimensions: [Analytics.Dimension] = [.channel, .team, .employee, .country, .day]

    /// First responses of the tickets created in the window: answered within target
    /// over measured (answered plus unanswered past target), median and p90 of the
    /// open-hours response time. `nowMs` decides which open tickets are past due.
    func firstResponseFigures(_ request: Analytics.GetFirstResponseFiguresRequest, nowMs: Int64) throws
        -> Analytics.GetFirstResponseFiguresReply
    {
        let window = try ReportSupport.window(request.window)
        let grouping = try Grouping(request.group_by, accepted: Self.firstResponseDimensions, window: window)
        let filter = CompiledFilter(request.filter, self)
        var groups: [GroupCode: FirstResponseTally] = [:]
        var total = FirstResponseTally(nowMs: nowMs)
        tickets.forEach(from: window.from.unixMs, to: window.to.unixMs) { ticket in
            guard filter.matches(ticket.dims) else { return }
            total.add(ticket)
            if !grouping.dimensions.isEmpty {
                groups[grouping.code(ticket.dims, atMs: ticket.atMs, employerKind: 0), default: .init(nowMs: nowMs)]
                    .add(ticket)
            }
        }
        return Analytics.GetFirstResponseFiguresReply(
            rows: grouping.sorted(groups.keys, self).map { groups[$0]!.row(grouping.key($0, self)) },
            total: total.row(nil), as_of: position)
    }
}

/// First-response counts and times of a group of tickets.
struct FirstResponseTally {
    /// The moment an open, unanswered ticket is judged at.
    let nowMs: Int64
    var tickets: UInt64 = 0
    var withinTarget: UInt64 = 0
    var overdue: UInt64 = 0
    var times: [Int64] = []

    mutating func add(_ ticket: TicketFact) {
        tickets += 1
        if ticket.responseMs >= 0 {
            times.append(ticket.responseMs)
            if ticket.withinTarget { withinTarget += 1 }
        } else if ticket.isOverdue(nowMs: nowMs) {
            overdue += 1
        }
    }

    func row(_ key: Analytics.GroupKey?) -> Analytics.FirstResponseRow {
        let sorted = times.sorted()
        return Analytics.FirstResponseRow(
            key: key, tickets: tickets, answered: UInt64(times.count), within_target: withinTarget, overdue: overdue,
            within_target_share: ReportSupport.share(withinTarget, UInt64(times.count) + overdue),
            median_response_ms: ReportSupport.percentile(sorted, 0.5),
            p90_response_ms: ReportSupport.percentile(sorted, 0.9))
    }
}

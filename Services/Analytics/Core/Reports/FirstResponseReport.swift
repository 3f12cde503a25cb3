import Contract

extension ReadModelState {
    static let firstResponseDimensions: [Analytics.Dimension] = [.channel, .team, .country, .day]

    /// First responses of the tickets created in the window: answered within target
    /// over measured (answered plus unanswered past target), median and p90 of the
    /// open-hours response time.
    func firstResponseFigures(_ request: Analytics.GetFirstResponseFiguresRequest) throws
        -> Analytics.GetFirstResponseFiguresReply
    {
        let window = try ReportSupport.window(request.window)
        let grouping = try Grouping(request.group_by, accepted: Self.firstResponseDimensions, window: window)
        let filter = CompiledFilter(request.filter, self)
        var groups: [GroupCode: FirstResponseTally] = [:]
        var total = FirstResponseTally()
        tickets.forEach(from: window.from.unixMs, to: window.to.unixMs) { ticket in
            guard filter.matches(ticket.dims) else { return }
            total.add(ticket)
            if !grouping.dimensions.isEmpty {
                groups[grouping.code(ticket.dims, atMs: ticket.atMs, employerKind: 0), default: .init()].add(ticket)
            }
        }
        return Analytics.GetFirstResponseFiguresReply(
            rows: grouping.sorted(groups.keys, self).map { groups[$0]!.row(grouping.key($0, self)) },
            total: total.row(nil), as_of: position)
    }
}

/// First-response counts and times of a group of tickets.
struct FirstResponseTally {
    var tickets: UInt64 = 0
    var withinTarget: UInt64 = 0
    var overdue: UInt64 = 0
    var times: [Int64] = []

    mutating func add(_ ticket: TicketFact) {
        tickets += 1
        if ticket.responseMs >= 0 {
            times.append(ticket.responseMs)
            if ticket.withinTarget { withinTarget += 1 }
        } else if ticket.breached {
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

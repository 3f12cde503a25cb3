import Contract

extension ReadModelState {
    static let followUpDimensions: [Analytics.Dimension] = [
        .team, .employee, .channel, .country, .productCategory, .day,
    ]

    /// Detractor follow-ups requested in the window: opened, closed, still open, time
    /// from request to close, and the age of the oldest still open at `nowMs`.
    func followUpFigures(_ request: Analytics.GetFollowUpFiguresRequest, nowMs: Int64) throws
        -> Analytics.GetFollowUpFiguresReply
    {
        let window = try ReportSupport.window(request.window)
        let grouping = try Grouping(request.group_by, accepted: Self.followUpDimensions, window: window)
        let filter = CompiledFilter(request.filter, self)
        var groups: [GroupCode: FollowUpTally] = [:]
        var total = FollowUpTally()
        followUps.forEach(from: window.from.unixMs, to: window.to.unixMs) { fact in
            guard filter.matches(fact.dims) else { return }
            total.add(fact)
            if !grouping.dimensions.isEmpty {
                groups[grouping.code(fact.dims, atMs: fact.atMs, employerKind: 0), default: .init()].add(fact)
            }
        }
        return Analytics.GetFollowUpFiguresReply(
            rows: grouping.sorted(groups.keys, self).map { groups[$0]!.row(grouping.key($0, self), nowMs: nowMs) },
            total: total.row(nil, nowMs: nowMs), as_of: position)
    }
}

/// Follow-up counts and closing times of a group.
struct FollowUpTally {
    var requested: UInt64 = 0
    var opened: UInt64 = 0
    var failed: UInt64 = 0
    var closeTimes: [Int64] = []
    var oldestOpenRequestMs: Int64?

    mutating func add(_ fact: FollowUpFact) {
        requested += 1
        if fact.openedAtMs >= 0 { opened += 1 }
        if fact.closedAtMs >= 0 {
            closeTimes.append(max(0, fact.closedAtMs - fact.atMs))
        } else if fact.failedAtMs >= 0 {
            failed += 1
        } else {
            oldestOpenRequestMs = min(oldestOpenRequestMs ?? fact.atMs, fact.atMs)
        }
    }

    func row(_ key: Analytics.GroupKey?, nowMs: Int64) -> Analytics.FollowUpRow {
        let sorted = closeTimes.sorted()
        return Analytics.FollowUpRow(
            key: key, requested: requested, opened: opened, closed: UInt64(closeTimes.count),
            still_open: requested - UInt64(closeTimes.count) - failed,
            median_time_to_close_ms: ReportSupport.percentile(sorted, 0.5),
            p90_time_to_close_ms: ReportSupport.percentile(sorted, 0.9),
            oldest_open_age_ms: oldestOpenRequestMs.map { max(0, nowMs - $0) }, failed: failed)
    }
}

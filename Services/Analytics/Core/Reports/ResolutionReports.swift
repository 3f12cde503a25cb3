import Contract

extension ReadModelState {
    static let contactDimensions: [Analytics.Dimension] = [.channel, .team, .country, .day]
    static let escalationDimensions: [Analytics.Dimension] = [
        .channel, .team, .country, .productCategory, .escalationTrigger, .day,
    ]

    /// Tickets resolved in the window (latest resolution of each, none reopened since)
    /// and the share resolved on first contact.
    func firstContactResolution(_ request: Analytics.GetFirstContactResolutionRequest) throws
        -> Analytics.GetFirstContactResolutionReply
    {
        let window = try ReportSupport.window(request.window)
        let grouping = try Grouping(
            request.group_by.isEmpty ? [.channel] : request.group_by, accepted: Self.contactDimensions, window: window)
        let filter = CompiledFilter(request.filter, self)
        var groups: [GroupCode: (UInt64, UInt64)] = [:]
        var total: (UInt64, UInt64) = (0, 0)
        resolutions.forEach(from: window.from.unixMs, to: window.to.unixMs) { fact in
            guard !fact.superseded, filter.matches(fact.dims) else { return }
            let first: UInt64 = fact.firstContact ? 1 : 0
            total = (total.0 + 1, total.1 + first)
            groups[grouping.code(fact.dims, atMs: fact.atMs, employerKind: 0), default: (0, 0)].0 += 1
            groups[grouping.code(fact.dims, atMs: fact.atMs, employerKind: 0)]!.1 += first
        }
        func row(_ counts: (UInt64, UInt64), _ key: Analytics.GroupKey?) -> Analytics.FirstContactResolutionRow {
            .init(key: key, resolved: counts.0, first_contact: counts.1, share: ReportSupport.share(counts.1, counts.0))
        }
        return Analytics.GetFirstContactResolutionReply(
            rows: grouping.sorted(groups.keys, self).map { row(groups[$0]!, grouping.key($0, self)) },
            total: row(total, nil), as_of: position)
    }

    /// Escalations to Special Care in the window, and how many of those tickets were
    /// resolved since.
    func escalations(_ request: Analytics.GetEscalationsRequest) throws -> Analytics.GetEscalationsReply {
        let window = try ReportSupport.window(request.window)
        let grouping = try Grouping(request.group_by, accepted: Self.escalationDimensions, window: window)
        let filter = CompiledFilter(request.filter, self)
        var groups: [GroupCode: (UInt64, UInt64)] = [:]
        var total: (UInt64, UInt64) = (0, 0)
        escalations.forEach(from: window.from.unixMs, to: window.to.unixMs) { fact in
            guard filter.matches(fact.dims) else { return }
            let resolved: UInt64 = tickets[fact.ticket].resolvedAtMs >= fact.atMs ? 1 : 0
            total = (total.0 + 1, total.1 + resolved)
            guard !grouping.dimensions.isEmpty else { return }
            let code = grouping.code(fact.dims, atMs: fact.atMs, employerKind: 0, trigger: fact.trigger)
            groups[code, default: (0, 0)].0 += 1
            groups[code]!.1 += resolved
        }
        return Analytics.GetEscalationsReply(
            rows: grouping.sorted(groups.keys, self).map {
                .init(key: grouping.key($0, self), escalations: groups[$0]!.0, resolved: groups[$0]!.1)
            },
            total: .init(key: nil, escalations: total.0, resolved: total.1), as_of: position)
    }
}

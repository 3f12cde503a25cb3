import Contract

extension ReadModelState {
    static let complimentDimensions: [Analytics.Dimension] = [.employee, .team, .coreValue, .day]

    /// Compliments received in the window, from customers (and how many may be
    /// shown) and from colleagues. Grouped by core value, a compliment counts once
    /// under each of its values ("" when it has none).
    func complimentFigures(_ request: Analytics.GetComplimentFiguresRequest) throws
        -> Analytics.GetComplimentFiguresReply
    {
        let window = try ReportSupport.window(request.window)
        let grouping = try Grouping(request.group_by, accepted: Self.complimentDimensions, window: window)
        let byValue = grouping.dimensions.contains(.coreValue)
        let filter = CompiledFilter(request.filter, self)
        var groups: [GroupCode: ComplimentTally] = [:]
        var total = ComplimentTally()
        compliments.forEach(from: window.from.unixMs, to: window.to.unixMs) { fact in
            guard filter.matches(fact.dims) else { return }
            total.add(fact)
            guard !grouping.dimensions.isEmpty else { return }
            for value in byValue && !fact.values.isEmpty ? Array(Set(fact.values)) : [0] {
                groups[grouping.code(fact.dims, atMs: fact.atMs, employerKind: 0, value: value), default: .init()]
                    .add(fact)
            }
        }
        return Analytics.GetComplimentFiguresReply(
            rows: grouping.sorted(groups.keys, self).map { groups[$0]!.row(grouping.key($0, self)) },
            total: total.row(nil), as_of: position)
    }
}

struct ComplimentTally {
    var customer: UInt64 = 0
    var withConsent: UInt64 = 0
    var peer: UInt64 = 0

    mutating func add(_ fact: ComplimentFact) {
        if fact.fromPeer {
            peer += 1
        } else {
            customer += 1
            if fact.withConsent { withConsent += 1 }
        }
    }

    func row(_ key: Analytics.GroupKey?) -> Analytics.ComplimentRow {
        .init(key: key, customer_compliments: customer, with_consent: withConsent, peer_compliments: peer)
    }
}

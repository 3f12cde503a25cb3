import Contract
import Domain

extension ReadModelState {
    static let goodwillDimensions: [Analytics.Dimension] = [
        .team, .employee, .employer, .employerKind, .gestureKind, .channel, .country, .day,
    ]

    /// Goodwill gestures decided in the window (a refusal later approved counts once,
    /// as granted), one row per group and currency; money in minor units.
    func goodwillSpend(_ request: Analytics.GetGoodwillSpendRequest) throws -> Analytics.GetGoodwillSpendReply {
        let window = try ReportSupport.window(request.window)
        let grouping = try Grouping(request.group_by, accepted: Self.goodwillDimensions, window: window)
        let totalGrouping = try Grouping([], accepted: [], window: window)
        let filter = CompiledFilter(request.filter, self)
        var groups: [GroupCode: GoodwillTally] = [:]
        var totals: [GroupCode: GoodwillTally] = [:]
        gestures.forEach(from: window.from.unixMs, to: window.to.unixMs) { fact in
            guard !fact.superseded, filter.matches(fact.dims) else { return }
            let kind = employerKind(fact.dims.employer)
            let code = grouping.code(
                fact.dims, atMs: fact.atMs, employerKind: kind, kind: fact.kind, currency: fact.currency)
            groups[code, default: .init()].add(fact)
            totals[totalGrouping.code(fact.dims, atMs: 0, employerKind: 0, currency: fact.currency), default: .init()]
                .add(fact)
        }
        return Analytics.GetGoodwillSpendReply(
            rows: grouping.sorted(groups.keys, self).map {
                groups[$0]!.row(grouping.key($0, self), currency: strings.name($0[Grouping.currencySlot]))
            },
            totals: totalGrouping.sorted(totals.keys, self).map {
                totals[$0]!.row(nil, currency: strings.name($0[Grouping.currencySlot]))
            },
            as_of: position)
    }
}

/// Goodwill counts and the granted sum of a group in one currency.
struct GoodwillTally {
    var granted: UInt64 = 0
    var refused: UInt64 = 0
    var approved: UInt64 = 0
    var amount: Int64 = 0

    mutating func add(_ fact: GestureFact) {
        if fact.granted {
            granted += 1
            amount += fact.amount
            if fact.approvedOverBudget { approved += 1 }
        } else {
            refused += 1
        }
    }

    func row(_ key: Analytics.GroupKey?, currency: String) -> Analytics.GoodwillRow {
        let currency = (try? Currency(currency)) ?? .eur
        return Analytics.GoodwillRow(
            key: key, granted: granted, refused: refused, approved_over_budget: approved,
            amount: Money(minorUnits: amount, currency: currency))
    }
}

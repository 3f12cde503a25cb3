import Bus
import Contract
import Domain

/// One metric over one stretch of time; no value when there are no facts.
struct Measure {
    var value: Double?
    var n: UInt64 = 0
    var margin: Double?
    /// NPS only: the 95% interval.
    var lower: Double?
    var upper: Double?
}

extension Measure {
    /// The measure as the wire's summary of `window`.
    func summary(_ window: TimeWindow) -> Analytics.TrendSummary {
        Analytics.TrendSummary(
            window: window, value: value, n: n, margin_of_error: margin, lower: lower, upper: upper)
    }
}

extension ReadModelState {
    /// A daily series of one metric with the day before and the same weekday a week
    /// before, and the whole window against the comparison window (the window of
    /// equal length just before, unless given).
    func trend(_ request: Analytics.GetTrendRequest, nowMs: Int64) throws -> Analytics.GetTrendReply {
        guard let metric = request.metric, metric != .unspecified else {
            throw RPCError.invalidArgument(field: "metric", "is required")
        }
        let window = try ReportSupport.window(request.window)
        let compare = request.compare_window ?? window.preceding
        let currencyCode = request.currency ?? "EUR"
        _ = try Currency(currencyCode, field: "currency")
        let currency = strings.existing(currencyCode) ?? UInt32.max
        let filter = CompiledFilter(request.filter, self)
        func measure(_ span: TimeWindow) -> Measure {
            self.measure(metric, from: span.from.unixMs, to: span.to.unixMs, filter, currency: currency, nowMs: nowMs)
        }
        let points = try window.days.map { day in
            try AnalyticsLimits.checkDeadline()
            let date = LocalDate(containing: day.from, in: window.timeZone)
            let today = measure(day)
            let before = measure(TimeWindow.day(date.adding(days: -1), in: window.timeZone))
            let weekBefore = measure(TimeWindow.day(date.adding(days: -7), in: window.timeZone))
            return Analytics.TrendPoint(
                day: date.description, day_start_ms: date.start(in: window.timeZone).unixMs, value: today.value,
                n: today.n, margin_of_error: today.margin, previous_day_value: before.value,
                delta_previous_day: Self.difference(today.value, before.value), week_before_value: weekBefore.value,
                delta_week_before: Self.difference(today.value, weekBefore.value), lower: today.lower,
                upper: today.upper)
        }
        let current = measure(window)
        let previous = measure(compare)
        return Analytics.GetTrendReply(
            metric: metric, points: points,
            current: current.summary(window), previous: previous.summary(compare),
            delta: Self.difference(current.value, previous.value), as_of: position)
    }

    static func difference(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return nil }
        return a - b
    }

    /// `metric` over [from, to) for the facts `filter` lets through.
    func measure(
        _ metric: Analytics.TrendMetric, from: Int64, to: Int64, _ filter: CompiledFilter, currency: UInt32,
        nowMs: Int64
    ) -> Measure {
        func count<F>(_ log: FactLog<F>, _ dims: (F) -> Dims, _ include: (F) -> Bool = { _ in true }) -> Measure {
            var n: UInt64 = 0
            log.forEach(from: from, to: to) { if include($0), filter.matches(dims($0)) { n += 1 } }
            return Measure(value: n == 0 ? nil : Double(n), n: n)
        }
        switch metric {
        case .nps:
            var counts = NpsCounts()
            responses.forEach(from: from, to: to) { if filter.matches($0.dims) { counts.add(score: $0.score) } }
            let figures = NpsFigures(counts)
            return Measure(
                value: figures?.nps, n: counts.n, margin: figures?.margin, lower: figures?.lower, upper: figures?.upper)
        case .responses: return count(responses, \.dims)
        case .firstResponseWithinTargetShare, .firstResponseMedianMs:
            var tally = FirstResponseTally(nowMs: nowMs)
            tickets.forEach(from: from, to: to) { if filter.matches($0.dims) { tally.add($0) } }
            let row = tally.row(nil)
            if metric == .firstResponseMedianMs {
                return Measure(value: row.median_response_ms.map(Double.init), n: row.answered!)
            }
            return Measure(value: row.within_target_share, n: row.answered! + row.overdue!)
        case .firstContactResolutionShare:
            var (resolved, first): (UInt64, UInt64) = (0, 0)
            resolutions.forEach(from: from, to: to) { fact in
                guard !fact.superseded, filter.matches(fact.dims) else { return }
                resolved += 1
                if fact.firstContact { first += 1 }
            }
            return Measure(value: ReportSupport.share(first, resolved), n: resolved)
        case .escalations: return count(escalations, \.dims)
        case .goodwillSpend:
            var (n, sum): (UInt64, Int64) = (0, 0)
            gestures.forEach(from: from, to: to) { fact in
                guard fact.granted, !fact.superseded, fact.currency == currency, filter.matches(fact.dims) else {
                    return
                }
                n += 1
                sum += fact.amount
            }
            return Measure(value: n == 0 ? nil : Double(sum), n: n)
        case .followUpsRequested: return count(followUps, \.dims)
        case .compliments: return count(compliments, \.dims) { !$0.fromPeer }
        case .ticketsCreated: return count(tickets, \.dims)
        case .unspecified: return Measure()
        }
    }
}

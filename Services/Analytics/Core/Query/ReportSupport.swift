import Bus
import Contract
import Domain

/// Pieces every report shares.
enum ReportSupport {
    /// The request's window; unset is refused naming `field`.
    static func window(_ window: TimeWindow?, field: String = "window") throws -> TimeWindow {
        guard let window else { throw RPCError.invalidArgument(field: field, "is required") }
        return window
    }

    /// An NPS row from counts: the figures only when there are answers.
    static func npsRow(_ counts: NpsCounts, key: Analytics.GroupKey?) -> Analytics.NpsRow {
        let figures = NpsFigures(counts)
        return Analytics.NpsRow(
            key: key, promoters: counts.promoters, passives: counts.passives, detractors: counts.detractors,
            n: counts.n, nps: figures?.nps, margin_of_error: figures?.margin, lower: figures?.lower,
            upper: figures?.upper)
    }

    /// The nearest-rank percentile of ascending `values` (p in 0...1): the smallest
    /// value with at least p of the values at or below it. nil when empty.
    static func percentile(_ values: [Int64], _ p: Double) -> Int64? {
        guard !values.isEmpty else { return nil }
        let rank = Int((p * Double(values.count)).rounded(.up))
        return values[min(values.count - 1, max(0, rank - 1))]
    }

    /// part / whole; nil when whole is 0.
    static func share(_ part: UInt64, _ whole: UInt64) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }
}

/// NPS, its 95% margin and interval from counts (via `NPSSummary`).
struct NpsFigures {
    let nps: Double
    let margin: Double
    let lower: Double
    let upper: Double

    init?(_ counts: NpsCounts) {
        guard counts.n > 0,
            let summary = try? NPSSummary(
                promoters: Int(counts.promoters), passives: Int(counts.passives), detractors: Int(counts.detractors)),
            let nps = summary.score, let margin = summary.marginOfError, let lower = summary.lowerBound,
            let upper = summary.upperBound
        else { return nil }
        self.nps = nps
        self.margin = margin
        self.lower = lower
        self.upper = upper
    }
}

extension ReadModelState {
    /// The last event of each source included in an answer.
    var position: Analytics.ReadModelPosition {
        Analytics.ReadModelPosition(
            tickets_sequence: positions["tickets"] ?? 0, feedback_sequence: positions["feedback"] ?? 0,
            staff_sequence: positions["staff"] ?? 0)
    }
}

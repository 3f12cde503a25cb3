/// NPS over a set of answers, from the counts per category, with the uncertainty that
/// small samples carry. Summaries add up, so a day, a team or a country is the sum of
/// its parts.
///
/// ```swift
/// let summary = try NPSSummary(promoters: 50, passives: 30, detractors: 20)
/// summary.score          // 30.0
/// summary.interval       // 14.1...44.2 (95%, adjusted Wald)
/// ```
/// Empty summaries have no score (nil), not a score of 0.
public struct NPSSummary: Hashable, Sendable {
    /// Answers of 9 or 10.
    public private(set) var promoters: Int
    /// Answers of 7 or 8.
    public private(set) var passives: Int
    /// Answers of 0 to 6.
    public private(set) var detractors: Int

    /// No answers.
    public static let empty = NPSSummary()

    /// No answers.
    public init() {
        promoters = 0
        passives = 0
        detractors = 0
    }

    /// A summary of counts per category.
    ///
    /// - Parameters:
    ///   - promoters: Answers of 9-10.
    ///   - passives: Answers of 7-8.
    ///   - detractors: Answers of 0-6.
    /// - Throws: `DomainError.invalid` naming the count that is negative.
    public init(promoters: Int, passives: Int, detractors: Int) throws(DomainError) {
        for (field, count) in [("promoters", promoters), ("passives", passives), ("detractors", detractors)]
        where count < 0 {
            throw .invalid(field: field, reason: "must not be negative, got \(count)")
        }
        self.promoters = promoters
        self.passives = passives
        self.detractors = detractors
    }

    /// A summary of individual answers.
    ///
    /// - Parameters:
    ///   - scores: The answers.
    public init(_ scores: some Sequence<NPSScore>) {
        self.init()
        for score in scores { record(score) }
    }

    /// Counts one more answer.
    ///
    /// - Parameters:
    ///   - score: The answer.
    public mutating func record(_ score: NPSScore) {
        switch score.category {
        case .promoter: promoters += 1
        case .passive: passives += 1
        case .detractor: detractors += 1
        }
    }

    /// Both summaries' answers together.
    ///
    /// - Parameters:
    ///   - other: Answers to add.
    public func merging(_ other: NPSSummary) -> NPSSummary {
        var sum = self
        sum.promoters += other.promoters
        sum.passives += other.passives
        sum.detractors += other.detractors
        return sum
    }

    /// Both summaries' answers together.
    public static func + (lhs: NPSSummary, rhs: NPSSummary) -> NPSSummary { lhs.merging(rhs) }

    /// Adds `rhs`'s answers to `lhs`.
    public static func += (lhs: inout NPSSummary, rhs: NPSSummary) { lhs = lhs.merging(rhs) }

    /// All answers, passives included.
    public var n: Int { promoters + passives + detractors }

    /// Share of promoters, 0...1; nil when empty.
    public var promoterShare: Double? { n == 0 ? nil : Double(promoters) / Double(n) }

    /// Share of detractors, 0...1; nil when empty.
    public var detractorShare: Double? { n == 0 ? nil : Double(detractors) / Double(n) }

    /// NPS = %promoters - %detractors, in -100...100; nil when empty.
    public var score: Double? {
        guard let p = promoterShare, let d = detractorShare else { return nil }
        return 100 * (p - d)
    }

    /// Var(NPS) = 100² · (p + d - (p - d)²) / n, in points²; nil when empty.
    public var variance: Double? {
        guard let p = promoterShare, let d = detractorShare else { return nil }
        return 10_000 * (p + d - (p - d) * (p - d)) / Double(n)
    }

    /// √Var(NPS), in points; nil when empty.
    public var standardError: Double? { variance.map { $0.squareRoot() } }

    /// The 95% interval of the NPS, by the adjusted Wald method (Rocks, 2016): add
    /// ¾ promoter, ¾ detractor and 1½ passive (n' = n + 3), then take
    /// NPS' ± 1.96 · √Var' with NPS' = 100 · (p' - d') and
    /// Var' = 100² · (p' + d' - (p' - d')²) / n', clamped to -100...100.
    ///
    /// Unlike the plain closed form (`variance`), it never has zero width for n > 0:
    /// 5 promoters out of 5 give 17.5...100, below 95 promoters and 5 passives out of
    /// 100 (86.6...97.9), and one promoter gives -48.5...98.5. nil when empty.
    public var interval: ClosedRange<Double>? {
        guard n > 0 else { return nil }
        let (center, halfWidth) = adjustedWald
        return max(-100, center - halfWidth)...min(100, center + halfWidth)
    }

    /// Half-width of the 95% interval (`interval`) before clamping; nil when empty.
    public var marginOfError: Double? { n > 0 ? adjustedWald.halfWidth : nil }

    /// The interval's lower end, never below -100; nil when empty. Rankings use it.
    public var lowerBound: Double? { interval?.lowerBound }

    /// The interval's upper end, never above 100; nil when empty.
    public var upperBound: Double? { interval?.upperBound }

    /// Centre and half-width of the adjusted Wald interval (n > 0).
    private var adjustedWald: (center: Double, halfWidth: Double) {
        let adjustedN = Double(n) + 3
        let p = (Double(promoters) + 0.75) / adjustedN
        let d = (Double(detractors) + 0.75) / adjustedN
        let variance = 10_000 * (p + d - (p - d) * (p - d)) / adjustedN
        return (100 * (p - d), 1.96 * variance.squareRoot())
    }
}

/// NPS over a set of answers, from the counts per category, with the uncertainty that
/// small samples carry. Summaries add up, so a day, a team or a country is the sum of
/// its parts.
///
/// ```swift
/// let summary = try NPSSummary(promoters: 50, passives: 30, detractors: 20)
/// summary.score          // 30.0
/// summary.marginOfError  // 15.3 (95%)
/// ```
/// Empty summaries have no score (nil), not a score of 0.
///
/// Codable in the shape of the wire's `NpsRow` figures: encoding writes the counts,
/// `n`, `nps`, `margin_of_error`, `lower` and `upper` (the last five only when there
/// are answers); decoding reads the counts and recomputes the rest.
public struct NPSSummary: Hashable, Codable, Sendable {
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

    /// Half-width of the 95% interval: 1.96 · standard error; nil when empty.
    public var marginOfError: Double? { standardError.map { 1.96 * $0 } }

    /// score - margin of error, never below -100; nil when empty.
    public var lowerBound: Double? {
        guard let score, let marginOfError else { return nil }
        return max(-100, score - marginOfError)
    }

    /// score + margin of error, never above 100; nil when empty.
    public var upperBound: Double? {
        guard let score, let marginOfError else { return nil }
        return min(100, score + marginOfError)
    }
}

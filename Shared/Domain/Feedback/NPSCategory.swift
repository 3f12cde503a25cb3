/// Where an NPS answer falls: promoters (9-10) raise the score, detractors (0-6)
/// lower it, passives (7-8) only count in the denominator.
public enum NPSCategory: CaseIterable, Hashable, Sendable {
    /// 9 or 10.
    case promoter
    /// 7 or 8.
    case passive
    /// 0 to 6. A detractor answer opens a follow-up case.
    case detractor

    /// The category of `score`.
    ///
    /// - Parameters:
    ///   - score: A valid answer.
    public init(_ score: NPSScore) {
        switch score.value {
        case 9...: self = .promoter
        case 7...8: self = .passive
        default: self = .detractor
        }
    }
}

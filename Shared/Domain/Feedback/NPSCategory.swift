/// Where an NPS answer falls: promoters (9-10) raise the score, detractors (0-6)
/// lower it, passives (7-8) only count in the denominator. Raw values are the wire
/// numbers of `glimlach.feedback.NpsCategory` (0 is unspecified, not a category).
///
/// Codable as its wire number.
public enum NPSCategory: Int32, CaseIterable, Hashable, Codable, Sendable {
    /// 9 or 10.
    case promoter = 1
    /// 7 or 8.
    case passive = 2
    /// 0 to 6. A detractor answer opens a follow-up case.
    case detractor = 3

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

    /// The category with wire number `wireValue`.
    ///
    /// - Parameters:
    ///   - wireValue: 1 (promoter), 2 (passive) or 3 (detractor).
    ///   - field: The field name to report otherwise.
    /// - Throws: `DomainError.invalid` for 0 (unspecified) and unknown numbers.
    public init(wireValue: Int32, field: String = "category") throws(DomainError) {
        guard let category = NPSCategory(rawValue: wireValue) else {
            let reason = wireValue == 0 ? "is unspecified" : "\(wireValue) is not a known NPS category"
            throw .invalid(field: field, reason: reason)
        }
        self = category
    }

    /// Decodes the wire number.
    ///
    /// - Parameters:
    ///   - decoder: Holds an integer.
    /// - Throws: `DomainError.invalid` naming the coding path for 0 and unknown numbers.
    public init(from decoder: any Decoder) throws {
        let number = try decoder.singleValueContainer().decode(Int32.self)
        try self.init(wireValue: number, field: Validation.fieldName(decoder.codingPath, fallback: "category"))
    }
}

/// A day of the week, numbered as ISO 8601 does: 1 = Monday ... 7 = Sunday.
///
/// Codable as that number.
public enum Weekday: Int, CaseIterable, Hashable, Comparable, Codable, Sendable {
    /// 1.
    case monday = 1
    /// 2.
    case tuesday
    /// 3.
    case wednesday
    /// 4.
    case thursday
    /// 5.
    case friday
    /// 6.
    case saturday
    /// 7.
    case sunday

    /// The weekday with ISO number `number`.
    ///
    /// - Parameters:
    ///   - number: 1 (Monday) ... 7 (Sunday).
    ///   - field: The field name to report when out of range.
    /// - Throws: `DomainError.invalid` when `number` is not 1...7.
    public init(isoNumber number: Int, field: String = "weekday") throws(DomainError) {
        guard let day = Weekday(rawValue: number) else {
            throw .invalid(field: field, reason: "must be 1 (Monday)...7 (Sunday), got \(number)")
        }
        self = day
    }

    /// Monday through Friday.
    public static let workdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    /// Orders Monday first.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes the ISO number.
    ///
    /// - Parameters:
    ///   - decoder: Holds an integer.
    /// - Throws: `DomainError.invalid` naming the coding path when not 1...7.
    public init(from decoder: any Decoder) throws {
        let number = try decoder.singleValueContainer().decode(Int.self)
        try self.init(isoNumber: number, field: Validation.fieldName(decoder.codingPath, fallback: "weekday"))
    }
}

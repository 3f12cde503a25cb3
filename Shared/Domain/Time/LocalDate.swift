import Foundation

/// A calendar date without a time or zone, as people write it ("2025-03-30"): start
/// dates, closed days, "the 30th" in a report.
///
/// Codable as the ISO 8601 string "YYYY-MM-DD".
public struct LocalDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// 1...9999.
    public let year: Int
    /// 1...12.
    public let month: Int
    /// 1...31, within the month's length.
    public let day: Int

    /// A date from its parts.
    ///
    /// - Parameters:
    ///   - year: 1...9999.
    ///   - month: 1...12.
    ///   - day: 1 up to the month's length (February 29 only in leap years).
    ///   - field: The field name to report when the date does not exist.
    /// - Throws: `DomainError.invalid` for a date that does not exist.
    public init(year: Int, month: Int, day: Int, field: String = "date") throws(DomainError) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.length(ofMonth: month, in: year)).contains(day)
        else {
            throw .invalid(field: field, reason: "\(year)-\(month)-\(day) is not a date")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date from "YYYY-MM-DD".
    ///
    /// - Parameters:
    ///   - text: Four-digit year, two-digit month and day, dash-separated.
    ///   - field: The field name to report when `text` is not such a date.
    /// - Throws: `DomainError.invalid` for another format or a date that does not exist.
    public init(_ text: String, field: String = "date") throws(DomainError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.map(\.utf8.count) == [4, 2, 2],
            parts.allSatisfy({ $0.utf8.allSatisfy(Validation.isDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else {
            throw .invalid(field: field, reason: "must be YYYY-MM-DD, got '\(text)'")
        }
        try self.init(year: year, month: month, day: day, field: field)
    }

    /// The date it is at `instant` in `timeZone`.
    ///
    /// - Parameters:
    ///   - instant: A moment.
    ///   - timeZone: Where the date is read.
    public init(containing instant: Date, in timeZone: TimeZone) {
        let parts = Calendar.iso(in: timeZone).dateComponents([.year, .month, .day], from: instant)
        self.init(unchecked: parts.year!, parts.month!, parts.day!)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The first instant of this date in `timeZone` (local midnight, or the moment the
    /// day begins where midnight is skipped by a clock change).
    ///
    /// - Parameters:
    ///   - timeZone: Where the day begins.
    public func start(in timeZone: TimeZone) -> Date {
        let calendar = Calendar.iso(in: timeZone)
        let noon = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        return calendar.startOfDay(for: noon)
    }

    /// The date `days` later (earlier when negative).
    ///
    /// - Parameters:
    ///   - days: Whole days to move.
    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Monday ... Sunday.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        Weekday(rawValue: ((dayNumber + 3) % 7 + 7) % 7 + 1)!
    }

    /// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days_from_civil).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01 (civil_from_days).
    init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func length(ofMonth month: Int, in year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Orders by date.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// "YYYY-MM-DD".
    public var description: String {
        func pad(_ number: Int, _ width: Int) -> String {
            let text = String(number)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Decodes "YYYY-MM-DD".
    ///
    /// - Parameters:
    ///   - decoder: Holds a string.
    /// - Throws: `DomainError.invalid` naming the coding path for a malformed date.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text, field: Validation.fieldName(decoder.codingPath, fallback: "date"))
    }

    /// Encodes "YYYY-MM-DD".
    ///
    /// - Parameters:
    ///   - encoder: Receives a string.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

import Domain
import Foundation

/// A calendar month "YYYY-MM": a budget month or a pulse period.
struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    let year: Int
    let month: Int

    /// - Throws: `DomainError` naming `field` when `text` is not "YYYY-MM".
    init(_ text: String, field: String) throws(DomainError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 4, parts[1].utf8.count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), (1...9999).contains(year), (1...12).contains(month)
        else { throw .invalid(field: field, reason: "must be a month YYYY-MM, got '\(text)'") }
        self.year = year
        self.month = month
    }

    /// The month `instant` falls in, in `timeZone`.
    init(containing instant: Date, in timeZone: TimeZone) {
        let date = LocalDate(containing: instant, in: timeZone)
        year = date.year
        month = date.month
    }

    /// The given month, or the current one when unset or blank.
    static func parse(_ text: String?, field: String, now: Date, timeZone: TimeZone) throws(DomainError) -> Period {
        guard let text, !text.isEmpty else { return Period(containing: now, in: timeZone) }
        return try Period(text, field: field)
    }

    static func < (lhs: Period, rhs: Period) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    var description: String { String(format: "%04d-%02d", year, month) }
}

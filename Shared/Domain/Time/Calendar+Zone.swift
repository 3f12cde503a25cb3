import Foundation

extension Calendar {
    /// The Gregorian calendar in `timeZone` with ISO 8601 weeks (Monday first), fixed
    /// locale: every day and week boundary in `Domain` comes from here.
    static func iso(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }
}

extension Validation {
    /// The IANA zone named `identifier`.
    ///
    /// - Parameters:
    ///   - identifier: An IANA name such as "Europe/Brussels".
    ///   - field: The field name to report when the zone is unknown.
    /// - Throws: `DomainError.invalid` naming `field` for an unknown zone.
    public static func timeZone(_ identifier: String, field: String) throws(DomainError) -> TimeZone {
        guard let zone = TimeZone(identifier: identifier) else {
            throw .invalid(field: field, reason: "'\(identifier)' is not a known IANA time zone")
        }
        return zone
    }
}

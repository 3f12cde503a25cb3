import Foundation

/// A half-open stretch of time [from, to), read in a time zone: the period a report,
/// a trend point or a comparison covers. The zone decides where days, weeks and months
/// begin, so an Amsterdam day around a clock change is 23 or 25 hours long.
public struct TimeWindow: Hashable, Sendable {
    /// The first instant inside the window.
    public let from: Date
    /// The first instant after the window.
    public let to: Date
    /// Where the window's days begin.
    public let timeZone: TimeZone

    /// A custom window.
    ///
    /// - Parameters:
    ///   - from: The first instant inside.
    ///   - to: The first instant after; must be later than `from`.
    ///   - timeZone: Where its days begin.
    /// - Throws: `DomainError.invalid` naming "to" when `to` is not after `from`.
    public init(from: Date, to: Date, timeZone: TimeZone) throws(DomainError) {
        guard from < to else { throw .invalid(field: "to", reason: "must be after from (\(from)), got \(to)") }
        self.init(unchecked: from, to, timeZone)
    }

    init(unchecked from: Date, _ to: Date, _ timeZone: TimeZone) {
        self.from = from
        self.to = to
        self.timeZone = timeZone
    }

    /// The local calendar day `date`.
    ///
    /// - Parameters:
    ///   - date: The day.
    ///   - timeZone: Where it begins and ends.
    public static func day(_ date: LocalDate, in timeZone: TimeZone) -> TimeWindow {
        TimeWindow(unchecked: date.start(in: timeZone), date.adding(days: 1).start(in: timeZone), timeZone)
    }

    /// The local calendar day that contains `instant`.
    ///
    /// - Parameters:
    ///   - instant: A moment in the day.
    ///   - timeZone: Where the day begins and ends.
    public static func day(containing instant: Date, in timeZone: TimeZone) -> TimeWindow {
        day(LocalDate(containing: instant, in: timeZone), in: timeZone)
    }

    /// The ISO 8601 week (Monday 00:00 to the next Monday 00:00) that contains `instant`.
    ///
    /// - Parameters:
    ///   - instant: A moment in the week.
    ///   - timeZone: Where the week begins and ends.
    public static func isoWeek(containing instant: Date, in timeZone: TimeZone) -> TimeWindow {
        let date = LocalDate(containing: instant, in: timeZone)
        let monday = date.adding(days: 1 - date.weekday.rawValue)
        return TimeWindow(unchecked: monday.start(in: timeZone), monday.adding(days: 7).start(in: timeZone), timeZone)
    }

    /// The calendar month that contains `instant`.
    ///
    /// - Parameters:
    ///   - instant: A moment in the month.
    ///   - timeZone: Where the month begins and ends.
    public static func month(containing instant: Date, in timeZone: TimeZone) -> TimeWindow {
        let date = LocalDate(containing: instant, in: timeZone)
        let first = date.adding(days: 1 - date.day)
        let next = first.adding(days: LocalDate.length(ofMonth: first.month, in: first.year))
        return TimeWindow(unchecked: first.start(in: timeZone), next.start(in: timeZone), timeZone)
    }

    /// Length in seconds (real elapsed time, so a DST day is 23 or 25 hours).
    public var duration: TimeInterval { to.timeIntervalSince(from) }

    /// Whether `instant` is inside: `from` is, `to` is not.
    ///
    /// - Parameters:
    ///   - instant: A moment.
    public func contains(_ instant: Date) -> Bool { from <= instant && instant < to }

    /// The window cut at every local midnight: whole days, with partial first and
    /// last days when the window does not start or end at midnight.
    public var days: [TimeWindow] {
        var result: [TimeWindow] = []
        var date = LocalDate(containing: from, in: timeZone)
        var start = from
        while start < to {
            date = date.adding(days: 1)
            let end = min(to, date.start(in: timeZone))
            result.append(TimeWindow(unchecked: start, end, timeZone))
            start = end
        }
        return result
    }

    /// The window of equal length that ends where this one starts: "the same period
    /// before". Equal length is real time: the window before a 24-hour day that
    /// follows a 23-hour day starts at 23:00 the evening before; use
    /// `day(_:in:)` with `LocalDate.adding(days:)` to compare calendar days instead.
    public var preceding: TimeWindow {
        TimeWindow(unchecked: from.addingTimeInterval(-duration), from, timeZone)
    }
}

import Foundation

/// When something is open, week by week on the local wall clock: intervals per
/// weekday (08:00-23:00) in a time zone, plus whole local dates it is closed.
/// The clock methods (`isOpen(at:)`, `openDuration(from:to:)`,
/// `instant(afterOpen:from:)`) turn that into real instants, so an SLA measured in
/// open hours pauses overnight and stays right across daylight-saving changes.
///
/// ```swift
/// let chat = OpeningHours(timeZone: amsterdam, daily: try LocalTimeInterval("08:00-23:00"))
/// chat.instant(afterOpen: 3600, from: tenThirtyPM)  // 08:30 the next morning
/// ```
public struct OpeningHours: Hashable, Sendable {
    /// The zone the wall-clock times and dates are read in.
    public let timeZone: TimeZone
    /// Open around the clock on every day not in `closedDates`; `weekly` is then empty.
    public let isAlwaysOpen: Bool
    /// Open intervals per weekday, sorted, with overlapping and touching intervals
    /// merged. A weekday without an entry is closed.
    public let weekly: [Weekday: [LocalTimeInterval]]
    /// Local dates closed all day (public holidays), also when `isAlwaysOpen`.
    public let closedDates: Set<LocalDate>

    /// Hours that differ per weekday.
    ///
    /// - Parameters:
    ///   - timeZone: The zone the times are in.
    ///   - weekly: Open intervals per weekday; may overlap (they are merged).
    ///   - closedDates: Local dates closed all day.
    public init(timeZone: TimeZone, weekly: [Weekday: [LocalTimeInterval]], closedDates: Set<LocalDate> = []) {
        self.timeZone = timeZone
        self.isAlwaysOpen = false
        self.weekly = weekly.mapValues(Self.merged).filter { !$0.value.isEmpty }
        self.closedDates = closedDates
    }

    /// The same hours on each of `days`.
    ///
    /// - Parameters:
    ///   - timeZone: The zone the times are in.
    ///   - interval: The open interval, e.g. 08:00-23:00.
    ///   - days: The weekdays it applies to; every day by default.
    ///   - closedDates: Local dates closed all day.
    public init(
        timeZone: TimeZone, daily interval: LocalTimeInterval, on days: Set<Weekday> = Set(Weekday.allCases),
        closedDates: Set<LocalDate> = []
    ) {
        self.init(
            timeZone: timeZone, weekly: Dictionary(uniqueKeysWithValues: days.map { ($0, [interval]) }),
            closedDates: closedDates)
    }

    private init(alwaysOpenIn timeZone: TimeZone, closedDates: Set<LocalDate>) {
        self.timeZone = timeZone
        self.isAlwaysOpen = true
        self.weekly = [:]
        self.closedDates = closedDates
    }

    /// Open 24/7, in UTC (the zone only matters for closed dates).
    public static let alwaysOpen = OpeningHours(alwaysOpenIn: .gmt, closedDates: [])

    /// Open 24/7 except on `closedDates`, read in `timeZone`.
    ///
    /// - Parameters:
    ///   - timeZone: The zone the closed dates are in.
    ///   - closedDates: Local dates closed all day.
    public static func alwaysOpen(in timeZone: TimeZone, closedDates: Set<LocalDate> = []) -> OpeningHours {
        OpeningHours(alwaysOpenIn: timeZone, closedDates: closedDates)
    }

    /// The open intervals on `weekday` (the whole day when always open), ignoring
    /// closed dates.
    ///
    /// - Parameters:
    ///   - weekday: The day of the week.
    public func intervals(on weekday: Weekday) -> [LocalTimeInterval] {
        isAlwaysOpen ? [.wholeDay] : weekly[weekday] ?? []
    }

    /// Whether it is never open in an ordinary week.
    public var isNeverOpen: Bool { !isAlwaysOpen && weekly.isEmpty }

    private static func merged(_ intervals: [LocalTimeInterval]) -> [LocalTimeInterval] {
        var result: [LocalTimeInterval] = []
        for interval in intervals.sorted() {
            if let last = result.last, interval.fromMinute <= last.untilMinute {
                result[result.count - 1] = LocalTimeInterval(
                    unchecked: last.fromMinute, max(last.untilMinute, interval.untilMinute))
            } else {
                result.append(interval)
            }
        }
        return result
    }
}

import Foundation

// Open hours as real time. Each local date's intervals become instants through the
// calendar, so a day is as long as the clocks make it. A boundary inside the hour
// skipped in spring moves forward with the clocks (02:30 becomes 03:30); one inside
// the hour repeated in autumn is its first occurrence.
extension OpeningHours {
    /// Whether it is open at `instant`.
    ///
    /// - Parameters:
    ///   - instant: A moment.
    public func isOpen(at instant: Date) -> Bool {
        if isAlwaysOpen, closedDates.isEmpty { return true }
        let date = LocalDate(containing: instant, in: timeZone)
        return openRanges(on: date, Calendar.iso(in: timeZone)).contains { $0.contains(instant) }
    }

    /// Seconds it was open in [start, end): how far an SLA clock that only runs while
    /// the channel is open moved in that time. 0 when `end` is not after `start`.
    ///
    /// - Parameters:
    ///   - start: When the clock started (the ticket arrived).
    ///   - end: When it was read or stopped (now, or the first reply).
    public func openDuration(from start: Date, to end: Date) -> TimeInterval {
        guard start < end else { return 0 }
        if isAlwaysOpen, closedDates.isEmpty { return end.timeIntervalSince(start) }
        let calendar = Calendar.iso(in: timeZone)
        var total: TimeInterval = 0
        var date = LocalDate(containing: start, in: timeZone)
        while date.start(in: timeZone) < end {
            for range in openRanges(on: date, calendar) {
                let lower = max(range.lowerBound, start)
                let upper = min(range.upperBound, end)
                if lower < upper { total += upper.timeIntervalSince(lower) }
            }
            date = date.adding(days: 1)
        }
        return total
    }

    /// When `seconds` of open time have passed since `start`: the moment an SLA of
    /// that many open seconds runs out. A target that ends exactly at closing time
    /// expires at closing time, not at the next opening. `seconds == 0` gives `start`.
    /// nil when it never opens again.
    ///
    /// - Parameters:
    ///   - seconds: Open seconds to count, not negative.
    ///   - start: When counting starts (the ticket arrived).
    public func instant(afterOpen seconds: TimeInterval, from start: Date) -> Date? {
        precondition(seconds >= 0, "open seconds must not be negative")
        if seconds == 0 { return start }
        if isAlwaysOpen, closedDates.isEmpty { return start.addingTimeInterval(seconds) }
        var remaining = seconds
        var found: Date?
        forEachOpenRange(from: start) { range in
            let length = range.upperBound.timeIntervalSince(range.lowerBound)
            if remaining <= length {
                found = range.lowerBound.addingTimeInterval(remaining)
                return false
            }
            remaining -= length
            return true
        }
        return found
    }

    /// The first moment at or after `instant` that it is open (`instant` itself when
    /// open): when a paused SLA clock starts running again. nil when it never opens.
    ///
    /// - Parameters:
    ///   - instant: A moment.
    public func nextOpening(atOrAfter instant: Date) -> Date? {
        if isAlwaysOpen, closedDates.isEmpty { return instant }
        var found: Date?
        forEachOpenRange(from: instant) { range in
            found = range.lowerBound
            return false
        }
        return found
    }

    /// Calls `body` with each open range from `start` on (the first clipped to start at
    /// `start`), in order, until it returns false or no opening is left.
    private func forEachOpenRange(from start: Date, _ body: (Range<Date>) -> Bool) {
        guard !isNeverOpen else { return }
        let calendar = Calendar.iso(in: timeZone)
        var date = LocalDate(containing: start, in: timeZone)
        // Each closed date (or an interval lost in a skipped hour) delays the next
        // opening by at most a week; more empty days in a row mean none is left.
        var emptyDays = 0
        while emptyDays <= 7 * (closedDates.count + 2) {
            var opened = false
            for range in openRanges(on: date, calendar) where range.upperBound > start {
                opened = true
                guard body(max(range.lowerBound, start)..<range.upperBound) else { return }
            }
            emptyDays = opened ? 0 : emptyDays + 1
            date = date.adding(days: 1)
        }
    }

    /// The open intervals of local `date` as instants, in order.
    func openRanges(on date: LocalDate, _ calendar: Calendar) -> [Range<Date>] {
        guard !closedDates.contains(date) else { return [] }
        return intervals(on: date.weekday).compactMap { interval in
            let lower = instant(of: date, minute: interval.fromMinute, calendar)
            let upper = instant(of: date, minute: interval.untilMinute, calendar)
            return lower < upper ? lower..<upper : nil
        }
    }

    private func instant(of date: LocalDate, minute: Int, _ calendar: Calendar) -> Date {
        if minute == 0 { return date.start(in: timeZone) }
        if minute == 1440 { return date.adding(days: 1).start(in: timeZone) }
        let parts = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: minute / 60, minute: minute % 60)
        return calendar.date(from: parts)!
    }
}

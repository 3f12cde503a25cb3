/// Part of a day on the wall clock, [from, until) in minutes after local midnight,
/// e.g. 08:00-23:00. `until` may be 24:00 (1440) for "to the end of the day".
public struct LocalTimeInterval: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes after midnight the interval starts, 0...1439.
    public let fromMinute: Int
    /// Minutes after midnight the interval ends (exclusive), 1...1440.
    public let untilMinute: Int

    /// The whole day, 00:00-24:00.
    public static let wholeDay = LocalTimeInterval(unchecked: 0, 1440)

    /// An interval from minutes after midnight.
    ///
    /// - Parameters:
    ///   - fromMinute: Start, 0...1439.
    ///   - untilMinute: End (exclusive), after `fromMinute`, at most 1440.
    ///   - field: The field name to report when the bounds are wrong.
    /// - Throws: `DomainError.invalid` unless 0 <= fromMinute < untilMinute <= 1440.
    public init(fromMinute: Int, untilMinute: Int, field: String = "hours") throws(DomainError) {
        guard 0 <= fromMinute, fromMinute < untilMinute, untilMinute <= 1440 else {
            throw .invalid(
                field: field, reason: "needs 0 <= from < until <= 1440 minutes, got \(fromMinute)-\(untilMinute)")
        }
        self.init(unchecked: fromMinute, untilMinute)
    }

    /// An interval from "HH:MM-HH:MM", e.g. "08:00-23:00" or "18:00-24:00".
    ///
    /// - Parameters:
    ///   - text: Two 24-hour times joined by '-'; the second may be "24:00".
    ///   - field: The field name to report when `text` is malformed.
    /// - Throws: `DomainError.invalid` for another format or an empty interval.
    public init(_ text: String, field: String = "hours") throws(DomainError) {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false).map(Self.minutes)
        guard bounds.count == 2, let from = bounds[0], let until = bounds[1] else {
            throw .invalid(field: field, reason: "must be HH:MM-HH:MM, got '\(text)'")
        }
        try self.init(fromMinute: from, untilMinute: until, field: field)
    }

    init(unchecked from: Int, _ until: Int) {
        fromMinute = from
        untilMinute = until
    }

    private static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.utf8.count == 2 && $0.utf8.allSatisfy(Validation.isDigit) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), hour <= 24, minute < 60, hour * 60 + minute <= 1440
        else { return nil }
        return hour * 60 + minute
    }

    /// Length in minutes.
    public var minutes: Int { untilMinute - fromMinute }

    /// Orders by start, then end.
    public static func < (lhs: LocalTimeInterval, rhs: LocalTimeInterval) -> Bool {
        (lhs.fromMinute, lhs.untilMinute) < (rhs.fromMinute, rhs.untilMinute)
    }

    /// "08:00-23:00".
    public var description: String {
        func clock(_ minute: Int) -> String {
            let hour = minute / 60
            let rest = minute % 60
            return (hour < 10 ? "0" : "") + "\(hour):" + (rest < 10 ? "0" : "") + "\(rest)"
        }
        return clock(fromMinute) + "-" + clock(untilMinute)
    }
}

import Foundation

// The hours part of `glimlach.tickets.ChannelCalendar`: `time_zone` (UTC when unset),
// `always_open`, `hours` as {weekday, from_minute, until_minute} entries and
// `closed_dates` as "YYYY-MM-DD" strings.
extension OpeningHours: Codable {
    enum CodingKeys: String, CodingKey {
        case timeZone = "time_zone"
        case alwaysOpen = "always_open"
        case hours
        case closedDates = "closed_dates"
    }

    /// One wire `OpeningHours` entry.
    struct Entry: Codable {
        var weekday: Weekday
        var fromMinute: Int
        var untilMinute: Int

        enum CodingKeys: String, CodingKey {
            case weekday
            case fromMinute = "from_minute"
            case untilMinute = "until_minute"
        }
    }

    /// Decodes the hours fields; `hours` is ignored when `always_open` is true.
    ///
    /// - Parameters:
    ///   - decoder: Holds the wire fields.
    /// - Throws: `DomainError.invalid` for an unknown zone, a weekday outside 1...7,
    ///   an empty interval or a malformed date; decoding errors otherwise.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let zoneName = try container.decodeIfPresent(String.self, forKey: .timeZone)
        let zone = try zoneName.map { name throws(DomainError) in try Validation.timeZone(name, field: "time_zone") }
        let closed = try container.decodeIfPresent([LocalDate].self, forKey: .closedDates) ?? []
        if try container.decodeIfPresent(Bool.self, forKey: .alwaysOpen) == true {
            self = .alwaysOpen(in: zone ?? .gmt, closedDates: Set(closed))
            return
        }
        var weekly: [Weekday: [LocalTimeInterval]] = [:]
        for entry in try container.decodeIfPresent([Entry].self, forKey: .hours) ?? [] {
            let interval = try LocalTimeInterval(
                fromMinute: entry.fromMinute, untilMinute: entry.untilMinute, field: "hours")
            weekly[entry.weekday, default: []].append(interval)
        }
        self.init(timeZone: zone ?? .gmt, weekly: weekly, closedDates: Set(closed))
    }

    /// Encodes the hours fields, weekdays Monday first and dates in order.
    ///
    /// - Parameters:
    ///   - encoder: Receives the wire fields.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timeZone.identifier, forKey: .timeZone)
        try container.encode(isAlwaysOpen, forKey: .alwaysOpen)
        let entries = weekly.keys.sorted().flatMap { day in
            weekly[day]!.map { Entry(weekday: day, fromMinute: $0.fromMinute, untilMinute: $0.untilMinute) }
        }
        try container.encode(entries, forKey: .hours)
        try container.encode(closedDates.sorted(), forKey: .closedDates)
    }
}

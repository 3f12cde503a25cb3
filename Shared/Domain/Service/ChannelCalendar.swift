import Foundation

/// When one channel is open in one country: the calendar its SLA clock runs on.
///
/// Standard hours (DOMAIN.md), in the country's time zone:
/// - phone, e-mail: 24/7.
/// - chat, Twitter, Facebook Messenger: 08:00-23:00 every day.
/// - WhatsApp: 08:00-23:00, like the other social channels (the Social Media team
///   answers it).
/// - web form: 24/7, like e-mail: a form arrives as a written message and its answer
///   is due on e-mail's terms.
/// - in store: 24/7, because its contacts are answered live (the target is met on
///   arrival), so no clock ever runs on it; a store that wants its real hours sets them.
public struct ChannelCalendar: Hashable, Sendable {
    /// The channel.
    public let channel: Channel
    /// The country the hours apply to.
    public let country: Country
    /// The hours, in the country's zone.
    public let hours: OpeningHours

    /// A calendar with custom hours.
    ///
    /// - Parameters:
    ///   - channel: The channel.
    ///   - country: The country.
    ///   - hours: When the channel is open there.
    public init(channel: Channel, country: Country, hours: OpeningHours) {
        self.channel = channel
        self.country = country
        self.hours = hours
    }

    /// 08:00-23:00, the staffed hours of chat and the social channels.
    public static let staffedHours = LocalTimeInterval(unchecked: 8 * 60, 23 * 60)

    /// The standard hours of `channel` in `timeZone` (see the type's documentation).
    ///
    /// - Parameters:
    ///   - channel: The channel.
    ///   - timeZone: The zone the hours are in.
    public static func standardHours(for channel: Channel, in timeZone: TimeZone) -> OpeningHours {
        switch channel {
        case .phone, .email, .webForm, .inStore: .alwaysOpen(in: timeZone)
        case .chat, .twitter, .facebookMessenger, .whatsApp: OpeningHours(timeZone: timeZone, daily: staffedHours)
        }
    }

    /// The standard calendar of `channel` in `country`.
    ///
    /// - Parameters:
    ///   - channel: The channel.
    ///   - country: The country.
    ///   - timeZone: The zone to use; nil for the country's default.
    /// - Throws: `DomainError.invalid` naming "time_zone" when `timeZone` is nil and the
    ///   country has no default zone.
    public static func standard(
        for channel: Channel, in country: Country, timeZone: TimeZone? = nil
    ) throws(DomainError) -> ChannelCalendar {
        guard let zone = timeZone ?? country.defaultTimeZone else {
            throw .invalid(field: "time_zone", reason: "\(country) has no default time zone; pass one")
        }
        return ChannelCalendar(channel: channel, country: country, hours: standardHours(for: channel, in: zone))
    }

    /// The standard calendars of every channel in `country`, in channel order.
    ///
    /// - Parameters:
    ///   - country: The country.
    ///   - timeZone: The zone to use; nil for the country's default.
    /// - Throws: `DomainError.invalid` naming "time_zone" when no zone is known.
    public static func standards(in country: Country, timeZone: TimeZone? = nil) throws(DomainError)
        -> [ChannelCalendar]
    {
        var calendars: [ChannelCalendar] = []
        for channel in Channel.allCases {
            calendars.append(try standard(for: channel, in: country, timeZone: timeZone))
        }
        return calendars
    }

    /// Whether the channel is open at `instant`; see `OpeningHours.isOpen(at:)`.
    ///
    /// - Parameters:
    ///   - instant: A moment.
    public func isOpen(at instant: Date) -> Bool { hours.isOpen(at: instant) }

    /// Open seconds in [start, end); see `OpeningHours.openDuration(from:to:)`.
    ///
    /// - Parameters:
    ///   - start: When the clock started.
    ///   - end: When it was read or stopped.
    public func openDuration(from start: Date, to end: Date) -> TimeInterval {
        hours.openDuration(from: start, to: end)
    }

    /// When `seconds` of open time have passed; see `OpeningHours.instant(afterOpen:from:)`.
    ///
    /// - Parameters:
    ///   - seconds: Open seconds, not negative.
    ///   - start: When counting starts.
    public func instant(afterOpen seconds: TimeInterval, from start: Date) -> Date? {
        hours.instant(afterOpen: seconds, from: start)
    }
}

import Bus
import Contract
import Domain
import Foundation

/// When the live chat is open: the CHAT calendar of the configured country, as
/// tickets keeps it (`GetChannelCalendars`: the stored one or the standard
/// 08:00-23:00), read with the domain's `OpeningHours` as tickets reads it for the
/// first-response clock. Tickets checked the calendar when it was set, so entries
/// it could not hold are skipped here rather than refused.
struct ChatHours: Sendable {
    let hours: OpeningHours

    /// The wire calendar as opening hours; none, or one that cannot be read: always open.
    init(_ calendar: Tickets.ChannelCalendar?, fallbackZone: TimeZone) {
        guard let calendar else {
            hours = .alwaysOpen
            return
        }
        let country = calendar.country.flatMap { try? Country($0) }
        let zone =
            calendar.time_zone.flatMap { TimeZone(identifier: $0) } ?? country?.defaultTimeZone ?? fallbackZone
        let closed = Set(calendar.closed_dates.compactMap { try? LocalDate($0) })
        if calendar.always_open == true {
            hours = .alwaysOpen(in: zone, closedDates: closed)
            return
        }
        var weekly: [Weekday: [LocalTimeInterval]] = [:]
        for entry in calendar.hours {
            guard let number = entry.weekday, let day = Weekday(rawValue: Int(number)),
                let from = entry.from_minute, let until = entry.until_minute,
                let interval = try? LocalTimeInterval(fromMinute: Int(from), untilMinute: Int(until))
            else { continue }
            weekly[day, default: []].append(interval)
        }
        hours = OpeningHours(timeZone: zone, weekly: weekly, closedDates: closed)
    }

    /// The chat's hours from tickets; when tickets does not answer, open (a
    /// message then meets channels' own answer).
    static func load(client: any RPCClient, settings: WebSettings) async -> ChatHours {
        let reply = try? await client.call(
            Tickets.getChannelCalendars, .init(channel: .chat, country: settings.chatCountry),
            options: .init(timeout: settings.callTimeout))
        return ChatHours(reply?.calendars.first { $0.channel == .chat }, fallbackZone: settings.timeZone)
    }

    func isOpen(at instant: Date) -> Bool { hours.isOpen(at: instant) }

    /// "Chat opens tomorrow at 08:00." in the page's language, on the calendar's clock.
    func opening(after now: Date, _ context: PageContext) -> String {
        let t = context.t
        guard let next = hours.nextOpening(atOrAfter: now) else { return t["chat_closed"] }
        let zone = hours.timeZone
        let time = DateFormatter()
        time.locale = context.language.locale
        time.timeZone = zone
        time.dateFormat = "HH:mm"
        let clock = time.string(from: next)
        let today = LocalDate(containing: now, in: zone)
        let day = LocalDate(containing: next, in: zone)
        if day == today { return t.format("chat_opens_today", ["time": clock]) }
        if day == today.adding(days: 1) { return t.format("chat_opens_tomorrow", ["time": clock]) }
        let date = DateFormatter()
        date.locale = context.language.locale
        date.timeZone = zone
        date.setLocalizedDateFormatFromTemplate("EEEEdMMMM")
        return t.format("chat_opens_on", ["day": date.string(from: next), "time": clock])
    }
}

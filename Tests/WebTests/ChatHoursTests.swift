import Contract
import Foundation
import Testing

@testable import WebService

/// When the chat opens, as the widget and the page say it: on the calendar's clock,
/// "today", "tomorrow" or the weekday and date, in the page's language.
@Suite("Live chat: when chat opens")
struct ChatHoursTests {
    static let amsterdam = TimeZone(identifier: "Europe/Amsterdam")!

    /// Weekdays (Monday to Friday) 08:00-17:00 in Amsterdam.
    static let weekdays = ChatHours(
        Tickets.ChannelCalendar(
            channel: .chat, country: "NL", time_zone: "Europe/Amsterdam",
            hours: (1...5).map { Tickets.OpeningHours(weekday: UInt32($0), from_minute: 480, until_minute: 1020) }),
        fallbackZone: .gmt)

    /// A local time in Amsterdam.
    static func at(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.timeZone = amsterdam
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    static func context(_ language: Language) -> PageContext { PageContext(language: language, path: "/chat") }

    @Test(
        "before opening, overnight and over the weekend",
        arguments: [
            // Wednesday 3 December 2025, 07:15: today.
            ("2025-12-03 07:15", Language.en, "Chat opens today at 08:00."),
            // Wednesday 20:00: tomorrow.
            ("2025-12-03 20:00", Language.en, "Chat opens tomorrow at 08:00."),
            ("2025-12-03 20:00", Language.nl, "De chat opent morgen om 08:00."),
            // Saturday: Monday 8 December.
            ("2025-12-06 11:00", Language.en, "Chat opens on Monday 8 December at 08:00."),
            ("2025-12-06 11:00", Language.fr, "Le chat ouvre le lundi 8 décembre à 08:00."),
        ])
    func opening(now: String, language: Language, expected: String) {
        let hours = Self.weekdays
        #expect(!hours.isOpen(at: Self.at(now)))
        #expect(hours.opening(after: Self.at(now), Self.context(language)) == expected)
    }

    @Test("open in its hours; always open without a calendar; a calendar with no hours says closed for now")
    func openAndNever() {
        #expect(Self.weekdays.isOpen(at: Self.at("2025-12-03 12:00")))
        #expect(ChatHours(nil, fallbackZone: .gmt).isOpen(at: Self.at("2025-12-06 03:00")))
        let never = ChatHours(
            Tickets.ChannelCalendar(channel: .chat, country: "NL", time_zone: "Europe/Amsterdam"), fallbackZone: .gmt)
        #expect(!never.isOpen(at: Self.at("2025-12-03 12:00")))
        #expect(never.opening(after: Self.at("2025-12-03 12:00"), Self.context(.en)) == "Chat is closed for now.")
    }
}

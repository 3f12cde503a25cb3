import Foundation
import Testing

@testable import Domain

@Suite("Channel calendars and first-response targets")
struct ChannelCalendarTests {
    typealias F = Fixture

    @Test("phone and e-mail are open 24/7", arguments: [Channel.phone, .email])
    func alwaysOpenChannels(channel: Channel) throws {
        let calendar = try ChannelCalendar.standard(for: channel, in: .netherlands)
        #expect(calendar.hours.isAlwaysOpen)
        #expect(calendar.isOpen(at: F.instant("2025-06-11T03:00:00+02:00")))
    }

    @Test(
        "chat and the social channels are open 08:00-23:00 local time",
        arguments: [Channel.chat, .twitter, .facebookMessenger, .whatsApp])
    func staffedChannels(channel: Channel) throws {
        let calendar = try ChannelCalendar.standard(for: channel, in: .netherlands)
        #expect(calendar.hours.timeZone == F.amsterdam)
        #expect(!calendar.isOpen(at: F.instant("2025-06-11T07:30:00+02:00")))
        #expect(calendar.isOpen(at: F.instant("2025-06-11T08:00:00+02:00")))
        #expect(!calendar.isOpen(at: F.instant("2025-06-11T23:00:00+02:00")))
    }

    @Test("Belgian calendars run on Brussels time")
    func belgium() throws {
        let calendars = try ChannelCalendar.standards(in: .belgium)
        #expect(calendars.map(\.channel) == Channel.allCases)
        #expect(calendars.allSatisfy { $0.country == .belgium && $0.hours.timeZone == F.brussels })
    }

    @Test("a country without a known zone needs one passed explicitly")
    func unknownZone() throws {
        let japan = try Country("JP")
        #expect(invalidField { _ = try ChannelCalendar.standard(for: .chat, in: japan) } == "time_zone")
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        #expect(try ChannelCalendar.standard(for: .chat, in: japan, timeZone: tokyo).hours.timeZone == tokyo)
    }

    @Test(
        "standard targets: chat and social 1 hour, e-mail 1 day, phone live",
        arguments: [
            (Channel.chat, 3600.0), (.twitter, 3600), (.facebookMessenger, 3600), (.whatsApp, 3600),
            (.email, 86400), (.webForm, 86400), (.phone, 0), (.inStore, 0),
        ])
    func standardTargets(channel: Channel, seconds: TimeInterval) {
        let target = FirstResponseTarget.standard(for: channel)
        #expect(target.openSeconds == seconds)
        #expect(target.isAnsweredLive == (seconds == 0))
    }

    @Test("a tweet at 22:30 is due at 08:30 and at risk at 08:18 (80% of the hour)")
    func dueAndAtRisk() throws {
        // 30 open minutes tonight; 80% of 60 minutes = 48: 18 more minutes tomorrow.
        let hours = try ChannelCalendar.standard(for: .twitter, in: .netherlands).hours
        let target = FirstResponseTarget.standard(for: .twitter)
        let arrival = F.instant("2025-06-10T22:30:00+02:00")
        #expect(target.dueDate(arrivedAt: arrival, hours: hours) == F.instant("2025-06-11T08:30:00+02:00"))
        #expect(target.atRiskDate(arrivedAt: arrival, hours: hours) == F.instant("2025-06-11T08:18:00+02:00"))
        #expect(FirstResponseTarget.live(.phone).dueDate(arrivedAt: arrival, hours: hours) == nil)
    }

    @Test("an e-mail's day is 24 open hours, so it is due at the same time tomorrow")
    func emailDay() throws {
        let calendar = try ChannelCalendar.standard(for: .email, in: .netherlands)
        let arrival = F.instant("2025-03-29T10:00:00+01:00")
        let due = FirstResponseTarget.standard(for: .email).dueDate(arrivedAt: arrival, hours: calendar.hours)
        // 24 real hours after Saturday 10:00 CET is Sunday 11:00 CEST.
        #expect(due == F.instant("2025-03-30T11:00:00+02:00"))
    }

    @Test("targets must be positive with an at-risk share in (0, 1]")
    func invalidTargets() {
        #expect(invalidField { _ = try FirstResponseTarget(channel: .chat, openSeconds: 0) } == "target_ms")
        #expect(
            invalidField { _ = try FirstResponseTarget(channel: .chat, openSeconds: 60, atRiskShare: 1.5) }
                == "at_risk_share")
    }
}

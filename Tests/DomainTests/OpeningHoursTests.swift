import Foundation
import Testing

@testable import Domain

@Suite("Opening hours and the SLA clock")
struct OpeningHoursTests {
    typealias F = Fixture
    let chat = OpeningHours(timeZone: Fixture.amsterdam, daily: ChannelCalendar.staffedHours)

    @Test("a chat arriving at 22:30 with a 1 hour target is due at 08:30 the next day")
    func chatOvernight() throws {
        // 30 minutes tonight (22:30-23:00), 30 minutes tomorrow (08:00-08:30).
        let arrival = F.instant("2025-06-10T22:30:00+02:00")
        #expect(chat.instant(afterOpen: F.hours(1), from: arrival) == F.instant("2025-06-11T08:30:00+02:00"))
        #expect(chat.openDuration(from: arrival, to: F.instant("2025-06-11T08:30:00+02:00")) == F.hours(1))
    }

    @Test("the same overnight chat across the spring DST switch is due at 08:30 CEST")
    func chatOvernightIntoSummerTime() {
        // Sunday 2025-03-30 clocks go 02:00 -> 03:00; 08:30 that morning is +02:00.
        let arrival = F.instant("2025-03-29T22:30:00+01:00")
        #expect(chat.instant(afterOpen: F.hours(1), from: arrival) == F.instant("2025-03-30T08:30:00+02:00"))
    }

    @Test("a target ending exactly at closing time is due at closing time")
    func dueAtClosing() {
        let arrival = F.instant("2025-06-10T22:00:00+02:00")
        #expect(chat.instant(afterOpen: F.hours(1), from: arrival) == F.instant("2025-06-10T23:00:00+02:00"))
    }

    @Test("the clock pauses while closed: arriving at night starts it at 08:00")
    func arrivalWhileClosed() {
        let arrival = F.instant("2025-06-11T03:00:00+02:00")
        #expect(chat.instant(afterOpen: F.hours(1), from: arrival) == F.instant("2025-06-11T09:00:00+02:00"))
        #expect(chat.nextOpening(atOrAfter: arrival) == F.instant("2025-06-11T08:00:00+02:00"))
        #expect(chat.openDuration(from: arrival, to: F.instant("2025-06-11T07:59:00+02:00")) == 0)
    }

    @Test(
        "chat is open from 08:00 up to but not including 23:00 local time",
        arguments: [
            ("2025-06-10T07:59:59+02:00", false), ("2025-06-10T08:00:00+02:00", true),
            ("2025-06-10T22:59:59+02:00", true), ("2025-06-10T23:00:00+02:00", false),
            ("2025-06-10T06:30:00Z", true), ("2025-01-10T07:30:00Z", true), ("2025-01-10T22:30:00Z", false),
        ])
    func isOpen(timestamp: String, open: Bool) {
        #expect(chat.isOpen(at: F.instant(timestamp)) == open)
    }

    @Test("open time across the spring DST weekend counts wall-clock hours, not 24 h days")
    func openDurationAcrossSpringDST() {
        // Sat 20:00-23:00 (3 h) + Sun 08:00-23:00 (15 h) + Mon 08:00-09:00 (1 h) = 19 h,
        // while 36 real hours pass (Sat 20:00 +01:00 to Mon 09:00 +02:00).
        let start = F.instant("2025-03-29T20:00:00+01:00")
        let end = F.instant("2025-03-31T09:00:00+02:00")
        #expect(end.timeIntervalSince(start) == F.hours(36))
        #expect(chat.openDuration(from: start, to: end) == F.hours(19))
    }

    @Test("a 24/7 channel counts every real second: 23 h and 25 h across DST")
    func alwaysOpenAcrossDST() {
        let phone = OpeningHours.alwaysOpen(in: F.amsterdam)
        let spring = phone.openDuration(
            from: F.instant("2025-03-29T12:00:00+01:00"), to: F.instant("2025-03-30T12:00:00+02:00"))
        let autumn = phone.openDuration(
            from: F.instant("2025-10-25T12:00:00+02:00"), to: F.instant("2025-10-26T12:00:00+01:00"))
        #expect(spring == F.hours(23))
        #expect(autumn == F.hours(25))
    }

    @Test("a 24/7 channel is always open and its target runs straight through the night")
    func alwaysOpen() {
        let arrival = F.instant("2025-06-10T23:30:00+02:00")
        #expect(OpeningHours.alwaysOpen.isOpen(at: arrival))
        #expect(
            OpeningHours.alwaysOpen.instant(afterOpen: F.hours(24), from: arrival)
                == F.instant("2025-06-11T23:30:00+02:00"))
    }

    @Test("hours written as 24/7 intervals agree with .alwaysOpen across the autumn switch")
    func wholeDayIntervalsMatchAlwaysOpen() {
        let everyDay = OpeningHours(timeZone: F.amsterdam, daily: .wholeDay)
        let start = F.instant("2025-10-25T12:00:00+02:00")
        #expect(everyDay.openDuration(from: start, to: F.instant("2025-10-27T00:00:00+01:00")) == F.hours(37))
        #expect(everyDay.instant(afterOpen: F.hours(25), from: start) == F.instant("2025-10-26T12:00:00+01:00"))
    }

    @Test("closed dates stop the clock for the whole local day, even on a 24/7 channel")
    func closedDates() throws {
        let christmas = try LocalDate("2025-12-25")
        let phone = OpeningHours.alwaysOpen(in: F.amsterdam, closedDates: [christmas])
        let eve = F.instant("2025-12-24T23:00:00+01:00")
        #expect(!phone.isOpen(at: F.instant("2025-12-25T12:00:00+01:00")))
        #expect(phone.instant(afterOpen: F.hours(2), from: eve) == F.instant("2025-12-26T01:00:00+01:00"))
        #expect(phone.openDuration(from: eve, to: F.instant("2025-12-26T01:00:00+01:00")) == F.hours(2))
    }

    @Test("workday hours skip the weekend; overlapping intervals merge")
    func weekdaysAndMerging() throws {
        let office = OpeningHours(
            timeZone: F.amsterdam,
            weekly: Dictionary(
                uniqueKeysWithValues: Weekday.workdays.map {
                    ($0, [try! LocalTimeInterval("09:00-13:00"), try! LocalTimeInterval("12:00-17:00")])
                }))
        #expect(office.intervals(on: .monday) == [try LocalTimeInterval("09:00-17:00")])
        #expect(office.intervals(on: .saturday).isEmpty)
        // Friday 16:00 + 2 open hours: 1 h on Friday, 1 h on Monday.
        #expect(
            office.instant(afterOpen: F.hours(2), from: F.instant("2025-06-13T16:00:00+02:00"))
                == F.instant("2025-06-16T10:00:00+02:00"))
    }

    @Test("a channel that never opens has no due date")
    func neverOpen() {
        let closed = OpeningHours(timeZone: F.amsterdam, weekly: [:])
        #expect(closed.instant(afterOpen: 60, from: F.instant("2025-06-10T12:00:00Z")) == nil)
        #expect(closed.nextOpening(atOrAfter: F.instant("2025-06-10T12:00:00Z")) == nil)
    }

    @Test("intervals parse HH:MM-HH:MM and refuse empty or out-of-day ranges")
    func intervals() throws {
        let late = try LocalTimeInterval("18:00-24:00")
        #expect(late.fromMinute == 1080 && late.untilMinute == 1440)
        #expect(late.description == "18:00-24:00")
        for bad in ["23:00-08:00", "08:00-08:00", "8:00-23:00", "08:00-24:30", "08:60-09:00", "08:00"] {
            #expect(invalidField { _ = try LocalTimeInterval(bad) } == "hours", "\(bad)")
        }
    }
}

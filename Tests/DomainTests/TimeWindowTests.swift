import Foundation
import Testing

@testable import Domain

@Suite("Time windows")
struct TimeWindowTests {
    typealias F = Fixture

    @Test(
        "an ISO week starts on Monday 00:00 Amsterdam time",
        arguments: [
            "2025-06-09T00:00:00+02:00", "2025-06-11T12:00:00+02:00", "2025-06-15T23:59:59+02:00",
            "2025-06-15T22:30:00Z",
        ])
    func isoWeek(instant: String) {
        // 2025-06-15T22:30Z is Monday 00:30 in Amsterdam: already the next week.
        let week = TimeWindow.isoWeek(containing: F.instant(instant), in: F.amsterdam)
        let monday = instant.hasSuffix("Z") ? "2025-06-16" : "2025-06-09"
        #expect(week.from == F.instant("\(monday)T00:00:00+02:00"))
        #expect(week.duration == F.hours(7 * 24))
        #expect(LocalDate(containing: week.from, in: F.amsterdam).weekday == .monday)
    }

    @Test("the week with the spring switch is 167 hours long")
    func isoWeekAcrossDST() {
        let week = TimeWindow.isoWeek(containing: F.instant("2025-03-27T12:00:00+01:00"), in: F.amsterdam)
        #expect(week.from == F.instant("2025-03-24T00:00:00+01:00"))
        #expect(week.to == F.instant("2025-03-31T00:00:00+02:00"))
        #expect(week.duration == F.hours(167))
    }

    @Test("split into days, the switch days are 23 h and 25 h long")
    func daySplitAcrossDST() throws {
        let spring = try TimeWindow(
            from: F.instant("2025-03-29T00:00:00+01:00"), to: F.instant("2025-04-01T00:00:00+02:00"),
            timeZone: F.amsterdam)
        #expect(spring.days.map(\.duration) == [24, 23, 24].map(F.hours))
        #expect(spring.days[1].from == F.instant("2025-03-30T00:00:00+01:00"))
        let autumn = TimeWindow.isoWeek(containing: F.instant("2025-10-26T12:00:00+01:00"), in: F.amsterdam)
        #expect(autumn.days.count == 7)
        #expect(autumn.days.last?.duration == F.hours(25))
        #expect(autumn.days.dropLast().allSatisfy { $0.duration == F.hours(24) })
    }

    @Test("a window that does not start at midnight splits into partial first and last days")
    func partialDays() throws {
        let window = try TimeWindow(
            from: F.instant("2025-06-10T22:00:00+02:00"), to: F.instant("2025-06-12T06:00:00+02:00"),
            timeZone: F.amsterdam)
        #expect(window.days.map(\.duration) == [2, 24, 6].map(F.hours))
    }

    @Test("the same instant is a different day in Amsterdam and in UTC")
    func dayDependsOnZone() {
        let instant = F.instant("2025-06-10T23:30:00Z")
        #expect(TimeWindow.day(containing: instant, in: F.amsterdam).from == F.instant("2025-06-11T00:00:00+02:00"))
        #expect(TimeWindow.day(containing: instant, in: .gmt).from == F.instant("2025-06-10T00:00:00Z"))
    }

    @Test("months run from the 1st to the 1st, February 2024 has 29 days")
    func months() {
        let february = TimeWindow.month(containing: F.instant("2024-02-15T12:00:00+01:00"), in: F.amsterdam)
        #expect(february.from == F.instant("2024-02-01T00:00:00+01:00"))
        #expect(february.to == F.instant("2024-03-01T00:00:00+01:00"))
        #expect(february.days.count == 29)
        let march = TimeWindow.month(containing: F.instant("2025-03-31T23:00:00+02:00"), in: F.amsterdam)
        #expect(march.duration == F.hours(31 * 24 - 1))
    }

    @Test("windows are half-open: they contain from but not to")
    func halfOpen() {
        let day = TimeWindow.day(try! LocalDate("2025-06-10"), in: F.amsterdam)
        #expect(day.contains(day.from))
        #expect(day.contains(day.to.addingTimeInterval(-0.001)))
        #expect(!day.contains(day.to))
        #expect(!day.contains(day.from.addingTimeInterval(-0.001)))
    }

    @Test("from must come before to", arguments: [0.0, -1.0])
    func invalidRange(offset: Double) {
        let from = F.instant("2025-06-10T00:00:00Z")
        #expect(
            invalidField { _ = try TimeWindow(from: from, to: from.addingTimeInterval(offset), timeZone: .gmt) } == "to"
        )
    }

    @Test("the same period before has equal length and ends where the window starts")
    func preceding() {
        let week = TimeWindow.isoWeek(containing: F.instant("2025-06-11T12:00:00+02:00"), in: F.amsterdam)
        #expect(week.preceding.from == F.instant("2025-06-02T00:00:00+02:00"))
        #expect(week.preceding.to == week.from)
        let afterSwitch = TimeWindow.day(try! LocalDate("2025-03-31"), in: F.amsterdam)
        #expect(afterSwitch.preceding.duration == F.hours(24))
        #expect(afterSwitch.preceding.from == F.instant("2025-03-29T23:00:00+01:00"))
    }

    @Test("local dates parse YYYY-MM-DD and know their weekday")
    func localDates() throws {
        let date = try LocalDate("2024-02-29")
        #expect(date.weekday == .thursday)
        #expect(date.adding(days: 1) == (try LocalDate(year: 2024, month: 3, day: 1)))
        #expect(date.description == "2024-02-29")
        for bad in ["2025-02-29", "2025-13-01", "2025-6-1", "20250601", ""] {
            #expect(invalidField { _ = try LocalDate(bad, field: "start_date") } == "start_date", "\(bad)")
        }
    }
}

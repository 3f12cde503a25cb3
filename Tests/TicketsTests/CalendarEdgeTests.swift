import Bus
import Contract
import Domain
import Foundation
import Testing

@testable import TicketsService

/// The tickets edge: wire calendars and targets to the domain's and back, field by
/// field (no JSON in between), with errors naming the wire field.
@Suite("tickets edge: calendars and targets between wire and domain")
struct CalendarEdgeTests {
    @Test("a standard calendar goes out in its proto shape and comes back the same")
    func calendarRoundTrip() throws {
        let calendar = try Domain.ChannelCalendar.standard(for: .chat, in: .belgium)
        let wire = Tickets.ChannelCalendar(calendar, updatedAtMs: 42)
        #expect(wire.channel == .chat)
        #expect(wire.country == "BE")
        #expect(wire.time_zone == "Europe/Brussels")
        #expect(wire.always_open == false)
        #expect(wire.hours.count == 7)
        #expect(wire.hours.first?.weekday == 1)
        #expect(wire.updated_at_ms == 42)
        #expect(try wire.checked(field: "calendar") == calendar)
    }

    @Test("wire hours become domain hours: one Monday interval, a closed date, the zone")
    func hoursIn() throws {
        let wire = Tickets.ChannelCalendar(
            channel: .chat, country: "NL", time_zone: "Europe/Amsterdam", always_open: false,
            hours: [Tickets.OpeningHours(weekday: 1, from_minute: 480, until_minute: 1380)],
            closed_dates: ["2025-12-25"])
        let hours = try wire.checked(field: "calendar").hours
        #expect(hours.intervals(on: .monday) == [Domain.ChannelCalendar.staffedHours])
        #expect(hours.intervals(on: .tuesday).isEmpty)
        #expect(hours.closedDates == [try LocalDate("2025-12-25")])
        #expect(hours.timeZone.identifier == "Europe/Amsterdam")
    }

    @Test("bad calendar fields are refused naming the wire field under the request field")
    func calendarErrors() {
        func message(_ wire: Tickets.ChannelCalendar) -> String? {
            do {
                _ = try wire.checked(field: "calendar")
                return nil
            } catch { return error.message }
        }
        let badDay = Tickets.ChannelCalendar(
            channel: .chat, country: "NL", hours: [Tickets.OpeningHours(weekday: 8, from_minute: 0, until_minute: 60)])
        #expect(message(badDay)?.hasPrefix("calendar.hours.0.weekday: ") == true)
        let noDay = Tickets.ChannelCalendar(
            channel: .chat, country: "NL", hours: [Tickets.OpeningHours(from_minute: 0, until_minute: 60)])
        #expect(message(noDay) == "calendar.hours.0.weekday: must be set")
        let badZone = Tickets.ChannelCalendar(channel: .chat, country: "NL", time_zone: "Mars/Base")
        #expect(message(badZone)?.hasPrefix("calendar.time_zone: ") == true)
        let badDate = Tickets.ChannelCalendar(channel: .chat, country: "NL", closed_dates: ["2025-02-30"])
        #expect(message(badDate)?.hasPrefix("calendar.closed_dates.0: ") == true)
        let empty = Tickets.ChannelCalendar(
            channel: .chat, country: "NL", hours: [Tickets.OpeningHours(weekday: 1, from_minute: 60, until_minute: 60)])
        #expect(message(empty)?.hasPrefix("calendar.hours: ") == true)
    }

    @Test("targets: unset share is 0.8, live ignores target_ms, a zero target names target_ms")
    func targets() throws {
        let email = try Tickets.ResponseTarget(channel: .email, target_ms: 7_200_000).checked(field: "target")
        #expect(email.openSeconds == 7200 && email.atRiskShare == 0.8 && !email.escalatesOnBreach)
        #expect(
            try Tickets.ResponseTarget(channel: .phone, answered_live: true).checked(field: "target") == .live(.phone))
        let standard = Tickets.ResponseTarget(FirstResponseTarget.standard(for: .email), updatedAtMs: nil)
        #expect(standard.target_ms == 86_400_000)
        #expect(try standard.checked(field: "target") == .standard(for: .email))
        #expect(throws: RPCError.invalidArgument(field: "target.target_ms", "must be more than 0, got 0.0")) {
            _ = try Tickets.ResponseTarget(channel: .chat).checked(field: "target")
        }
    }
}

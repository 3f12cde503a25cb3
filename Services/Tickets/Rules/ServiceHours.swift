import Contract
import Domain
import Foundation

/// The channel calendars and first-response targets in force: the ones set with
/// SetChannelCalendar and SetResponseTarget, else the standard ones (DOMAIN.md, via
/// `Domain.ChannelCalendar` and `FirstResponseTarget`).
struct ServiceHours: Sendable {
    private var calendars: [String: Tickets.ChannelCalendar] = [:]
    private var targets: [Channel: Tickets.ResponseTarget] = [:]

    init(reading: any TicketsReading) throws {
        for calendar in try reading.storedCalendars() {
            guard let channel = calendar.channel, let country = calendar.country else { continue }
            calendars[Self.key(channel, country)] = calendar
        }
        for target in try reading.storedTargets() {
            guard let channel = target.channel else { continue }
            targets[channel] = target
        }
    }

    static func key(_ channel: Channel, _ country: String) -> String { "\(channel.slug)/\(country)" }

    /// The stored calendar, or the standard one when the country's zone is known.
    func calendar(_ channel: Channel, _ country: String) -> Tickets.ChannelCalendar? {
        if let stored = calendars[Self.key(channel, country)] { return stored }
        guard let country = try? Country(country),
            let standard = try? Domain.ChannelCalendar.standard(for: channel, in: country)
        else { return nil }
        return Tickets.ChannelCalendar(standard, updatedAtMs: nil)
    }

    /// When `channel` is open in `country`: its calendar, or 24/7 in UTC for a country
    /// without a known zone and calendar.
    func hours(_ channel: Channel, _ country: String) -> OpeningHours {
        guard let calendar = calendar(channel, country), let checked = try? calendar.checked(field: "calendar") else {
            return .alwaysOpen
        }
        return checked.hours
    }

    /// The wire target of `channel`: the stored one or the standard one.
    func wireTarget(_ channel: Channel) -> Tickets.ResponseTarget {
        targets[channel] ?? Tickets.ResponseTarget(FirstResponseTarget.standard(for: channel), updatedAtMs: nil)
    }

    /// The target of `channel`.
    func target(_ channel: Channel) -> FirstResponseTarget {
        (try? wireTarget(channel).checked(field: "target")) ?? .standard(for: channel)
    }

    /// Every calendar set with SetChannelCalendar.
    var storedCalendars: [Tickets.ChannelCalendar] { Array(calendars.values) }
}

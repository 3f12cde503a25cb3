import Bus
import Contract
import Domain
import Foundation
import ServiceKit

// The wire's calendars and targets and the domain's, field by field: the domain
// checks every value on the way in and knows no field names; errors name the wire
// field under the caller's prefix ("calendar.hours.2.weekday").

extension Tickets.ChannelCalendar {
    /// The wire form of a domain calendar: weekdays Monday first, closed dates in order.
    init(_ calendar: Domain.ChannelCalendar, updatedAtMs: Int64?) {
        let hours = calendar.hours
        self.init(
            channel: calendar.channel, country: calendar.country.code, time_zone: hours.timeZone.identifier,
            always_open: hours.isAlwaysOpen,
            hours: hours.weekly.keys.sorted().flatMap { day in
                (hours.weekly[day] ?? []).map {
                    Tickets.OpeningHours(
                        weekday: UInt32(day.rawValue), from_minute: UInt32($0.fromMinute),
                        until_minute: UInt32($0.untilMinute))
                }
            },
            closed_dates: hours.closedDates.sorted().map(\.description), updated_at_ms: updatedAtMs)
    }

    /// The checked domain calendar; a missing zone is the country's. `hours` is
    /// ignored when `always_open` is true.
    /// - Throws: INVALID_ARGUMENT naming the field under `field` ("calendar.time_zone").
    func checked(field: String) throws(RPCError) -> Domain.ChannelCalendar {
        let channel = try Fields.required(channel, "\(field).channel")
        let code = try Fields.required(country, "\(field).country")
        do {
            let country = try Country(code, field: "\(field).country")
            let zone: TimeZone
            if let name = time_zone, !name.isEmpty {
                zone = try Validation.timeZone(name, field: "\(field).time_zone")
            } else {
                guard let fallback = country.defaultTimeZone else {
                    throw RPCError.invalidArgument(
                        field: "\(field).time_zone", "must be set: \(code) has no default zone")
                }
                zone = fallback
            }
            var closed: Set<LocalDate> = []
            for (index, text) in closed_dates.enumerated() {
                closed.insert(try LocalDate(text, field: "\(field).closed_dates.\(index)"))
            }
            if always_open == true {
                return Domain.ChannelCalendar(
                    channel: channel, country: country, hours: .alwaysOpen(in: zone, closedDates: closed))
            }
            var weekly: [Weekday: [LocalTimeInterval]] = [:]
            for (index, entry) in hours.enumerated() {
                let (day, interval) = try entry.checked(field: "\(field).hours.\(index)", hoursField: "\(field).hours")
                weekly[day, default: []].append(interval)
            }
            return Domain.ChannelCalendar(
                channel: channel, country: country,
                hours: OpeningHours(timeZone: zone, weekly: weekly, closedDates: closed))
        } catch let error as DomainError {
            throw RPCError.invalidArgument(field: error.field, error.reason)
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError(.invalidArgument, "\(field): \(error)")
        }
    }
}

extension Tickets.OpeningHours {
    /// The weekday and interval of one entry; `field` names the entry
    /// ("calendar.hours.2"), `hoursField` the list, which interval errors name.
    /// - Throws: INVALID_ARGUMENT for an unset value; `DomainError` for a weekday
    ///   outside 1...7 or an empty or out-of-day interval.
    func checked(field: String, hoursField: String) throws -> (Weekday, LocalTimeInterval) {
        let number = try Fields.required(weekday, "\(field).weekday")
        let from = try Fields.required(from_minute, "\(field).from_minute")
        let until = try Fields.required(until_minute, "\(field).until_minute")
        let day = try Weekday(isoNumber: Int(number), field: "\(field).weekday")
        return (day, try LocalTimeInterval(fromMinute: Int(from), untilMinute: Int(until), field: hoursField))
    }
}

extension Tickets.ResponseTarget {
    /// The wire form of a domain target.
    init(_ target: FirstResponseTarget, updatedAtMs: Int64?) {
        self.init(
            channel: target.channel, target_ms: Int64((target.openSeconds * 1000).rounded()),
            answered_live: target.isAnsweredLive, at_risk_share: target.atRiskShare,
            escalate_on_breach: target.escalatesOnBreach, updated_at_ms: updatedAtMs)
    }

    /// The checked domain target; `target_ms` is ignored when answered live, and an
    /// unset `at_risk_share` is the default 0.8.
    /// - Throws: INVALID_ARGUMENT naming the field under `field` ("target.target_ms").
    func checked(field: String) throws(RPCError) -> FirstResponseTarget {
        let channel = try Fields.required(channel, "\(field).channel")
        if answered_live == true { return .live(channel) }
        do {
            return try FirstResponseTarget(
                channel: channel, openSeconds: Double(target_ms ?? 0) / 1000,
                atRiskShare: at_risk_share ?? FirstResponseTarget.defaultAtRiskShare,
                escalatesOnBreach: escalate_on_breach ?? false)
        } catch {
            throw RPCError.invalidArgument(field: "\(field).\(error.field)", error.reason)
        }
    }
}

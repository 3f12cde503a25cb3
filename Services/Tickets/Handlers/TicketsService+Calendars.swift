import Bus
import Contract
import Domain
import ServiceKit

extension TicketsService {
    /// GetChannelCalendars: the calendars in force (set ones over the standard ones)
    /// for the configured countries, every country with a set calendar, and the
    /// asked country.
    func getChannelCalendars(_ request: Tickets.GetChannelCalendarsRequest, _ context: CallContext) async throws
        -> Tickets.GetChannelCalendarsReply
    {
        let country = try Fields.optionalText(request.country, "country", maxLength: 2).map { code throws in
            try Country(code).code
        }
        let defaults = settings.calendarCountries
        return try await store.read { reading in
            let hours = try ServiceHours(reading: reading)
            var countries = Set(defaults).union(hours.storedCalendars.compactMap(\.country))
            if let country { countries = [country] }
            let channels = request.channel.map { [$0] } ?? Channel.allCases
            let calendars = countries.sorted().flatMap { code in channels.compactMap { hours.calendar($0, code) } }
            return Tickets.GetChannelCalendarsReply(calendars: calendars)
        }
    }

    /// SetChannelCalendar: replaces the calendar of (channel, country); running
    /// clocks count on it from now on.
    func setChannelCalendar(_ request: Tickets.SetChannelCalendarRequest, _ context: CallContext) async throws
        -> Tickets.SetChannelCalendarReply
    {
        let checked = try Fields.required(request.calendar, "calendar").checked(field: "calendar")
        return try await store.write(method: "SetChannelCalendar", idempotencyKey: context.idempotencyKey) { tx in
            let calendar = Tickets.ChannelCalendar(checked, updatedAtMs: tx.nowMs)
            try tx.save(calendar)
            try tx.record(
                "channel_calendar.updated", subject: "\(checked.channel.slug)/\(checked.country.code)",
                Tickets.ChannelCalendarUpdated(calendar: calendar))
            return Tickets.SetChannelCalendarReply(calendar: calendar)
        }
    }

    /// GetResponseTargets: the first-response target of every channel (or one).
    func getResponseTargets(_ request: Tickets.GetResponseTargetsRequest, _ context: CallContext) async throws
        -> Tickets.GetResponseTargetsReply
    {
        try await store.read { reading in
            let hours = try ServiceHours(reading: reading)
            let channels = request.channel.map { [$0] } ?? Channel.allCases
            return Tickets.GetResponseTargetsReply(targets: channels.map(hours.wireTarget))
        }
    }

    /// SetResponseTarget: replaces a channel's target for tickets created afterwards.
    func setResponseTarget(_ request: Tickets.SetResponseTargetRequest, _ context: CallContext) async throws
        -> Tickets.SetResponseTargetReply
    {
        let checked = try Fields.required(request.target, "target").checked(field: "target")
        return try await store.write(method: "SetResponseTarget", idempotencyKey: context.idempotencyKey) { tx in
            let target = Tickets.ResponseTarget(checked, updatedAtMs: tx.nowMs)
            try tx.save(target)
            try tx.record(
                "response_target.updated", subject: checked.channel.slug, Tickets.ResponseTargetUpdated(target: target))
            return Tickets.SetResponseTargetReply(target: target)
        }
    }
}

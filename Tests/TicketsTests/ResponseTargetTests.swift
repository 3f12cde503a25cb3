import Bus
import Contract
import Domain
import Foundation
import TestSupport
import Testing

@testable import TicketsService

@Suite("tickets: first response in open hours, scheduler flags", .serialized, .timeLimit(.minutes(2)))
struct ResponseTargetTests {
    static let hour: Int64 = 3_600_000

    @Test("an e-mail that arrives Friday evening is measured in office hours only")
    func fridayEveningEmail() async throws {
        let harness = try await TicketsHarness(start: amsterdam(2026, 3, 6, 19))
        // Office hours Monday to Friday 09:00-17:00 for e-mail in the Netherlands.
        let weekdays = (1...5).map { Tickets.OpeningHours(weekday: UInt32($0), from_minute: 540, until_minute: 1020) }
        let set = try await harness.client.call(
            Tickets.setChannelCalendar,
            .init(calendar: .init(channel: .email, country: "NL", hours: weekdays)))
        #expect(set.calendar?.time_zone == "Europe/Amsterdam" && set.calendar?.hours.count == 5)
        let ticket = try await harness.create(channel: .email, receivedAt: amsterdam(2026, 3, 6, 20))
        let id = ticket.ticket_id!
        // Saturday noon: the clock has not run at all.
        harness.clock.set(amsterdam(2026, 3, 7, 12))
        let saturday = try await harness.client.call(Tickets.getSlaStatus, .init(ticket_id: id)).sla!
        #expect(saturday.used_ms == 0 && saturday.clock_running == false && saturday.state == .onTrack)
        // 24 open hours = three office days: due Wednesday 17:00.
        #expect(saturday.due_at_ms == amsterdam(2026, 3, 11, 17).unixMilliseconds)
        // Monday 10:30 the agent replies: 1.5 open hours, within target.
        harness.clock.set(amsterdam(2026, 3, 9, 10, 30))
        let replied = try await harness.reply(id).ticket!
        #expect(replied.sla?.state == .met && replied.sla?.used_ms == 90 * 60_000)
        #expect(replied.sla?.first_response_at_ms == amsterdam(2026, 3, 9, 10, 30).unixMilliseconds)
        let event = try #require(
            try harness.published.payloads("ticket.first_response", as: Tickets.TicketFirstResponse.self).first)
        let agent = try await harness.agent()
        #expect(event.response_ms == 90 * 60_000 && event.within_target == true && event.agent_id == agent)
        await harness.shutdown()
    }

    @Test("a bot's public reply is kept but never stops the clock; an unknown employee author is refused by name")
    func botsAndUnknownAuthors() async throws {
        let harness = try await TicketsHarness()
        let id = try await harness.create(channel: .email).ticket_id!
        harness.clock.advance(600)
        let bot = try await harness.client.call(
            Tickets.addMessage,
            .init(ticket_id: id, kind: .publicReply, author_id: "faq-bot", body: "We got your mail", author_kind: .bot))
        #expect(bot.message?.author_kind == .bot && bot.ticket?.status == .new)
        #expect(bot.ticket?.sla?.first_response_at_ms == nil && bot.ticket?.sla?.clock_running == true)
        #expect(try harness.published.payloads("ticket.first_response", as: Tickets.TicketFirstResponse.self).isEmpty)
        for kind in [Tickets.MessageKind.publicReply, .internalNote] {
            let unknown = await rpcError {
                try await harness.client.call(
                    Tickets.addMessage, .init(ticket_id: id, kind: kind, author_id: "emp-nobody", body: "Hi"))
            }
            #expect(unknown?.code == .invalidArgument && unknown?.message.hasPrefix("author_id:") == true)
        }
        harness.clock.advance(600)
        let person = try await harness.reply(id).ticket!
        #expect(person.sla?.first_response_at_ms == harness.clock.now.unixMilliseconds && person.status == .open)
        let first = try harness.published.payloads("ticket.first_response", as: Tickets.TicketFirstResponse.self)
        let agent = try await harness.agent()
        #expect(first.map(\.agent_id) == [agent])
        await harness.shutdown()
    }

    @Test("only a public reply stops the clock; internal notes and customer messages do not")
    func onlyPublicReplyCounts() async throws {
        let harness = try await TicketsHarness()
        let id = try await harness.create(channel: .chat).ticket_id!
        _ = try await harness.client.call(
            Tickets.addMessage,
            .init(ticket_id: id, kind: .internalNote, author_id: try await harness.agent(), body: "Check the courier"))
        _ = try await harness.client.call(Tickets.addMessage, .init(ticket_id: id, kind: .inbound, body: "Hello?"))
        harness.clock.advance(600)
        let sla = try await harness.client.call(Tickets.getSlaStatus, .init(ticket_id: id)).sla!
        #expect(sla.first_response_at_ms == nil && sla.clock_running == true && sla.used_ms == 600_000)
        #expect(!harness.published.types(id).contains("ticket.first_response"))
        let replied = try await harness.reply(id).ticket!
        #expect(replied.sla?.state == .met && replied.status == .open)
        await harness.shutdown()
    }

    @Test("the phone is answered live: met at creation")
    func phoneAnsweredLive() async throws {
        let harness = try await TicketsHarness()
        let ticket = try await harness.create(channel: .phone)
        #expect(ticket.sla?.state == .met && ticket.sla?.answered_live == true)
        #expect(harness.published.types(ticket.ticket_id).contains("ticket.first_response"))
        let flags = try await harness.scheduler.tick(now: harness.clock.now.addingTimeInterval(86_400))
        #expect(flags == SLAScheduler.Flags())
        await harness.shutdown()
    }

    @Test("tick(now:) flags a chat at risk at 80% of its hour and breached after it, each once, in open hours")
    func atRiskAndBreach() async throws {
        let harness = try await TicketsHarness(start: amsterdam(2026, 3, 2, 22, 30))
        let id = try await harness.create(channel: .chat).ticket_id!
        func tick(_ date: Date) async throws -> SLAScheduler.Flags {
            harness.clock.set(date)
            return try await harness.scheduler.tick(now: date)
        }
        // 22:55: 25 minutes used; the chat closes at 23:00.
        #expect(try await tick(amsterdam(2026, 3, 2, 22, 55)) == SLAScheduler.Flags())
        // 08:20 next day: 30 + 20 = 50 minutes, past 48: at risk.
        #expect(try await tick(amsterdam(2026, 3, 3, 8, 20)).atRisk == [id])
        #expect(try await tick(amsterdam(2026, 3, 3, 8, 25)) == SLAScheduler.Flags())
        let risky = try await harness.client.call(Tickets.listTickets, .init(sla_states: [.atRisk]))
        #expect(risky.tickets.map(\.ticket_id) == [id])
        // 08:31: 61 minutes: breached.
        #expect(try await tick(amsterdam(2026, 3, 3, 8, 31)).breached == [id])
        #expect(try await tick(amsterdam(2026, 3, 3, 9, 0)) == SLAScheduler.Flags())
        #expect(harness.published.types(id).filter { $0 == "ticket.sla_at_risk" }.count == 1)
        let breach = try #require(
            try harness.published.payloads("ticket.sla_breached", as: Tickets.TicketSlaBreached.self).first)
        #expect(breach.due_at_ms == amsterdam(2026, 3, 3, 8, 30).unixMilliseconds && breach.target_ms == Self.hour)
        let breached = try await harness.client.call(Tickets.listTickets, .init(breached: true))
        #expect(breached.tickets.map(\.ticket_id) == [id])
        // A late reply: missed, still counted as breached.
        let replied = try await harness.reply(id).ticket!
        #expect(replied.sla?.state == .missed)
        #expect(try await harness.client.call(Tickets.listTickets, .init(breached: true)).tickets.count == 1)
        #expect(try await harness.client.call(Tickets.listTickets, .init(breached: false)).tickets.isEmpty)
        await harness.shutdown()
    }

    @Test("run() as a lifecycle Service ticks by itself on its clock until cancelled")
    func schedulerRuns() async throws {
        var settings = TicketsSettings()
        settings.slaTickInterval = .milliseconds(20)
        let harness = try await TicketsHarness(settings: settings)
        let id = try await harness.create(channel: .facebookMessenger, handle: "fb-123").ticket_id!
        let scheduler = makeSLAScheduler(store: harness.store, client: harness.client, settings: settings)
        let running = Task { try await scheduler.run() }
        harness.clock.advance(50 * 60)
        try await waitUntil("the scheduler flags the ticket at risk") {
            harness.published.types(id).contains("ticket.sla_at_risk")
        }
        harness.clock.advance(20 * 60)
        try await waitUntil("the scheduler flags the breach") {
            harness.published.types(id).contains("ticket.sla_breached")
        }
        running.cancel()
        _ = await running.result
        #expect(harness.published.types(id).filter { $0.hasPrefix("ticket.sla_") }.count == 2)
        await harness.shutdown()
    }

    @Test("a breach escalates to Special Care when the channel's target says so")
    func breachEscalates() async throws {
        let harness = try await TicketsHarness()
        let specialCare = try await harness.team("Special Care", kind: .specialCare)
        _ = try await harness.client.call(
            Tickets.setResponseTarget,
            .init(target: .init(channel: .twitter, target_ms: 30 * 60_000, escalate_on_breach: true)))
        let quiet = try await harness.create(channel: .chat, handle: "@quiet").ticket_id!
        let loud = try await harness.create(channel: .twitter, handle: "@loud").ticket_id!
        harness.clock.advance(2 * 3600)
        let flags = try await harness.scheduler.tick(now: harness.clock.now)
        #expect(Set(flags.breached) == [quiet, loud] && flags.escalated == [loud])
        let escalated = try await harness.get(loud)
        #expect(escalated.special_care == true && escalated.team_id == specialCare)
        #expect(escalated.escalation_trigger == .slaBreach && escalated.assignee_id == nil)
        #expect(try await harness.get(quiet).special_care == false)
        await harness.shutdown()
    }

    @Test("calendars and targets: DOMAIN.md defaults, replaced by method, checked by field")
    func calendarsAndTargets() async throws {
        let harness = try await TicketsHarness()
        let client = harness.client
        let nl = try await client.call(Tickets.getChannelCalendars, .init(country: "NL")).calendars
        let chat = try #require(nl.first { $0.channel == .chat })
        #expect(chat.time_zone == "Europe/Amsterdam" && chat.hours.count == 7)
        #expect(chat.hours.allSatisfy { $0.from_minute == 480 && $0.until_minute == 1380 })
        #expect(nl.first { $0.channel == .email }?.always_open == true)
        let all = try await client.call(Tickets.getChannelCalendars, .init(channel: .phone)).calendars
        #expect(Set(all.compactMap(\.country)) == ["BE", "NL"])
        #expect(all.first { $0.country == "BE" }?.time_zone == "Europe/Brussels")
        let targets = try await client.call(Tickets.getResponseTargets, .init()).targets
        #expect(targets.first { $0.channel == .chat }?.target_ms == Self.hour)
        #expect(targets.first { $0.channel == .facebookMessenger }?.target_ms == Self.hour)
        #expect(targets.first { $0.channel == .email }?.target_ms == 24 * Self.hour)
        #expect(targets.first { $0.channel == .phone }?.answered_live == true)
        let badDay = await rpcError {
            _ = try await client.call(
                Tickets.setChannelCalendar,
                .init(
                    calendar: .init(
                        channel: .chat, country: "NL", hours: [.init(weekday: 8, from_minute: 0, until_minute: 60)])))
        }
        #expect(badDay?.code == .invalidArgument && badDay?.message.hasPrefix("calendar.") == true)
        let badZone = await rpcError {
            _ = try await client.call(
                Tickets.setChannelCalendar,
                .init(calendar: .init(channel: .chat, country: "NL", time_zone: "Mars/Olympus")))
        }
        #expect(badZone?.message.hasPrefix("calendar.time_zone:") == true)
        let badShare = await rpcError {
            _ = try await client.call(
                Tickets.setResponseTarget, .init(target: .init(channel: .chat, target_ms: 60_000, at_risk_share: 1.5)))
        }
        #expect(badShare?.code == .invalidArgument && badShare?.message.hasPrefix("target.at_risk_share:") == true)
        let set = try await client.call(
            Tickets.setResponseTarget, .init(target: .init(channel: .chat, target_ms: 15 * 60_000)))
        #expect(set.target?.target_ms == 15 * 60_000 && set.target?.at_risk_share == 0.8)
        #expect(try await harness.create(channel: .chat).sla?.target_ms == 15 * 60_000)
        #expect(harness.published.types().contains("response_target.updated"))
        await harness.shutdown()
    }
}

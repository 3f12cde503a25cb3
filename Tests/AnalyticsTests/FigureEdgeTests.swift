@testable import AnalyticsCore
import Contract
import Domain
import Foundation
import Testing

/// Figures at the edges a user meets: windows that start mid-day, tickets resolved
/// before the scheduler looked, small samples in a ranking, one agent's own figures.
@Suite("Figures at the edges")
struct FigureEdgeTests {
    static let start = GeneratedEvents.start
    static let hour: Int64 = 3_600_000
    static let newYork = TimeZone(identifier: "America/New_York")!

    /// Midnight of `date` ("YYYY-MM-DD") in `zone`, by Foundation's calendar.
    static func midnight(_ date: String, _ zone: TimeZone) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = date.split(separator: "-").map { Int($0)! }
        let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
        return Int64((day.timeIntervalSince1970 * 1000).rounded())
    }

    @Test("a day starts at local midnight in rows, trends and CSV, also when the window starts mid-day")
    func localDays() throws {
        var script = EventScript()
        // 2026-03-04 00:00:12 UTC is 19:00:12 on 2026-03-03 in New York.
        let windowStart = Self.start + 3 * GeneratedEvents.day + 12_000
        for hour in [1, 3, 10] {
            script.answer("r-\(hour)", score: 9, agent: "emp-1", at: windowStart + Int64(hour) * Self.hour)
        }
        let model = script.model()
        let window = try TimeWindow(
            from: Date(unixMilliseconds: windowStart),
            to: Date(unixMilliseconds: windowStart + 3 * GeneratedEvents.day),
            timeZone: Self.newYork)
        let nps = try model.query { try $0.nps(.init(window: window, group_by: [.day])) }
        #expect(nps.rows.map { $0.key?.day } == ["2026-03-03", "2026-03-04"])
        for row in nps.rows {
            #expect(row.key?.day_start_ms == Self.midnight(row.key!.day!, Self.newYork), "\(row.key!.day!)")
        }
        let trend = try model.query { try $0.trend(.init(metric: .nps, window: window), nowMs: windowStart) }
        #expect(trend.points.first?.day == "2026-03-03")
        #expect(trend.points.first?.day_start_ms == Self.midnight("2026-03-03", Self.newYork))
        let csv = try model.query {
            try $0.export(.init(nps: .init(window: window, group_by: [.day])), now: .now)
        }
        #expect(csv.rows.first?.hasPrefix("group,2026-03-03,2026-03-03T00:00:00-05:00,") == true, "\(csv.rows)")
    }

    @Test("an unanswered ticket past its target is overdue whether or not the scheduler flagged it")
    func overdueWithoutScheduler() throws {
        var script = EventScript()
        let created = Self.start + Self.hour
        func ticket(_ id: String, due: Int64) {
            script.add(
                "tickets", "ticket.created", at: created,
                Tickets.TicketCreated(
                    ticket_id: id, channel: .email, country: "NL", team_id: "team-1", created_at_ms: created,
                    received_at_ms: created, first_response_due_at_ms: due, first_response_target_ms: Self.hour))
        }
        // Resolved two hours after its due time, unanswered, never flagged.
        ticket("late-resolved", due: created + Self.hour)
        script.add(
            "tickets", "ticket.resolved", at: created + 3 * Self.hour,
            Tickets.TicketResolved(
                ticket_id: "late-resolved", team_id: "team-1", resolved_at_ms: created + 3 * Self.hour))
        // Resolved before its due time, unanswered: not overdue.
        ticket("early-resolved", due: created + 5 * Self.hour)
        script.add(
            "tickets", "ticket.resolved", at: created + 2 * Self.hour,
            Tickets.TicketResolved(
                ticket_id: "early-resolved", team_id: "team-1", resolved_at_ms: created + 2 * Self.hour))
        // Still open: overdue once its due time has passed.
        ticket("open", due: created + 4 * Self.hour)
        let model = script.model()
        let window = try TimeWindow(
            from: Date(unixMilliseconds: Self.start), to: Date(unixMilliseconds: Self.start + GeneratedEvents.day),
            timeZone: .gmt)
        let before = try model.query {
            try $0.firstResponseFigures(.init(window: window), nowMs: created + 3 * Self.hour)
        }
        #expect(before.total?.tickets == 3)
        #expect(before.total?.overdue == 1)
        #expect(before.total?.within_target_share == 0)
        let after = try model.query {
            try $0.firstResponseFigures(.init(window: window), nowMs: created + 5 * Self.hour)
        }
        #expect(after.total?.overdue == 2)
    }

    @Test("five promoters of five rank below 95 promoters and 5 passives of 100; one promoter is not +100")
    func rankingAtTheEdges() throws {
        var script = EventScript()
        let at = Self.start + Self.hour
        for number in 0..<5 { script.answer("lucky-\(number)", score: 10, agent: "emp-lucky", at: at) }
        for number in 0..<100 {
            script.answer("steady-\(number)", score: number < 95 ? 10 : 8, agent: "emp-steady", at: at)
        }
        script.answer("single", score: 10, agent: "emp-single", at: at)
        let model = script.model()
        let window = try TimeWindow(
            from: Date(unixMilliseconds: Self.start), to: Date(unixMilliseconds: Self.start + GeneratedEvents.day),
            timeZone: .gmt)
        let reply = try model.query { try $0.personalNpsRanking(.init(window: window, min_responses: 1)) }
        #expect(reply.ranked.map(\.employee_id) == ["emp-steady", "emp-lucky", "emp-single"])
        let lucky = try #require(reply.ranked.first { $0.employee_id == "emp-lucky" })
        #expect(lucky.nps == 100)
        #expect(try #require(lucky.lower) < 100)
        #expect(try #require(lucky.margin_of_error) > 0)
        let single = try #require(reply.ranked.first { $0.employee_id == "emp-single" })
        #expect(try #require(single.lower) < 0)
        let total = try model.query { try $0.nps(.init(window: window)) }.total
        #expect(try #require(total?.lower) < #require(total?.upper))
    }

    @Test("first-response figures per agent, for their own view")
    func firstResponsePerAgent() throws {
        var script = EventScript()
        let created = Self.start + Self.hour
        for (number, agent, responseMs) in [(1, "emp-a", 600_000), (2, "emp-a", 7_200_000), (3, "emp-b", 60_000)] {
            let id = "t-\(number)"
            script.add(
                "tickets", "ticket.created", at: created,
                Tickets.TicketCreated(
                    ticket_id: id, channel: .email, country: "NL", assignee_id: agent, team_id: "team-1",
                    created_at_ms: created))
            script.add(
                "tickets", "ticket.first_response", at: created + Int64(responseMs),
                Tickets.TicketFirstResponse(
                    ticket_id: id, team_id: "team-1", agent_id: agent, response_ms: Int64(responseMs),
                    target_ms: Self.hour, within_target: Int64(responseMs) <= Self.hour))
        }
        let model = script.model()
        let window = try TimeWindow(
            from: Date(unixMilliseconds: Self.start), to: Date(unixMilliseconds: Self.start + GeneratedEvents.day),
            timeZone: .gmt)
        let reply = try model.query {
            try $0.firstResponseFigures(.init(window: window, group_by: [.employee]), nowMs: created)
        }
        #expect(reply.rows.map { $0.key?.employee_id } == ["emp-a", "emp-b"])
        #expect(reply.rows.map(\.answered) == [2, 1])
        #expect(reply.rows.map(\.within_target) == [1, 1])
        #expect(reply.rows.first?.median_response_ms == 600_000)
    }
}

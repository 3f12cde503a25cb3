@testable import AnalyticsCore
import Bus
import Contract
import Domain
import Foundation
import Testing

@Suite("trends, exports, determinism and refusals")
struct TrendAndExportTests {
    let fixture = Fixture.shared
    var world: RawWorld { fixture.world }

    /// Local days of a span with Foundation's calendar: (label, from, to) clipped to the span.
    func days(_ span: Oracle.Span) -> [(String, Int64, Int64)] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: span.zone)!
        var start = calendar.startOfDay(for: Date(unixMilliseconds: span.from))
        var result: [(String, Int64, Int64)] = []
        while start.unixMilliseconds < span.to {
            let next = calendar.date(byAdding: .day, value: 1, to: start)!
            result.append(
                (
                    Oracle.day(start.unixMilliseconds, span.zone), max(span.from, start.unixMilliseconds),
                    min(span.to, next.unixMilliseconds)
                ))
            start = next
        }
        return result
    }

    func fullDay(_ label: String, offset: Int, _ zone: String) -> (Int64, Int64) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        let parts = label.split(separator: "-").map { Int($0)! }
        let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2] + offset))!
        return (day.unixMilliseconds, calendar.date(byAdding: .day, value: 1, to: day)!.unixMilliseconds)
    }

    @Test("daily NPS with the day before, the week before and the period before")
    func npsTrend() throws {
        for span in Fixture.spans {
            let reply = try fixture.query { try $0.trend(.init(metric: .nps, window: span.window), nowMs: Fixture.now) }
            func scores(_ from: Int64, _ to: Int64) -> [Int] {
                world.responses.filter { from <= $0.at && $0.at < to }.map(\.score)
            }
            let expected = days(span)
            #expect(reply.points.map(\.day!) == expected.map(\.0))
            for (point, day) in zip(reply.points, expected) {
                let today = Oracle.nps(scores(day.1, day.2))
                #expect(point.n == UInt64(scores(day.1, day.2).count))
                #expect(close(point.value, today?.nps))
                #expect(close(point.margin_of_error, today?.margin))
                let before = fullDay(day.0, offset: -1, span.zone)
                #expect(close(point.previous_day_value, Oracle.nps(scores(before.0, before.1))?.nps))
                let week = fullDay(day.0, offset: -7, span.zone)
                #expect(close(point.week_before_value, Oracle.nps(scores(week.0, week.1))?.nps))
            }
            #expect(close(reply.current?.value, Oracle.nps(scores(span.from, span.to))?.nps))
            let length = span.to - span.from
            #expect(close(reply.previous?.value, Oracle.nps(scores(span.from - length, span.from))?.nps))
        }
    }

    @Test("daily tickets created and first-contact share, and a given comparison window")
    func otherTrends() throws {
        let span = Fixture.spans[0]
        let compare = Oracle.Span(from: span.from + 3 * Fixture.day, to: span.from + 5 * Fixture.day, zone: span.zone)
        let created = try fixture.query {
            try $0.trend(
                .init(metric: .ticketsCreated, window: span.window, compare_window: compare.window), nowMs: Fixture.now)
        }
        for (point, day) in zip(created.points, days(span)) {
            let count = world.tickets.filter { day.1 <= $0.created && $0.created < day.2 }.count
            #expect(point.n == UInt64(count))
            #expect(point.value == (count == 0 ? nil : Double(count)))
        }
        let previous = world.tickets.filter { compare.contains($0.created) }.count
        #expect(created.previous?.value == Double(previous))
        let fcr = try fixture.query {
            try $0.trend(.init(metric: .firstContactResolutionShare, window: span.window), nowMs: Fixture.now)
        }
        let final = world.tickets.filter { !$0.reopenedAfterLast && !$0.resolutions.isEmpty }
        for (point, day) in zip(fcr.points, days(span)) {
            let resolved = final.filter { day.1 <= $0.resolutions.last!.at && $0.resolutions.last!.at < day.2 }
            #expect(point.n == UInt64(resolved.count))
            let share =
                resolved.isEmpty
                ? nil : Double(resolved.filter { $0.resolutions.last!.firstContact }.count) / Double(resolved.count)
            #expect(close(point.value, share))
        }
    }

    @Test("an export pages through the whole report as CSV with stateless tokens")
    func export() throws {
        let request = Analytics.GetNpsRequest(window: Fixture.spans[0].window, group_by: [.channel, .country])
        let report = try fixture.query { try $0.nps(request) }
        var lines: [String] = []
        var token: String?
        var pages = 0
        repeat {
            let page = try fixture.query {
                try $0.export(.init(nps: request, page_size: 3, page_token: token), now: .now)
            }
            #expect(
                page.header == "row,channel,country,promoters,passives,detractors,n,nps,margin_of_error,lower,upper")
            #expect(page.file_name == "nps-channel-country-2026-03-01.csv")
            #expect(page.rows.count <= 3)
            lines += page.rows
            token = page.next_page_token
            pages += 1
        } while token != nil && pages < 100
        #expect(lines.count == report.rows.count + 1)
        #expect(lines.last!.hasPrefix("total,,,\(report.total!.promoters!),"))
        let first = report.rows[0]
        #expect(
            lines[0]
                == "group,\(first.key!.channel?.slug ?? ""),\(first.key!.country!),\(first.promoters!),\(first.passives!),\(first.detractors!),\(first.n!),\(first.nps!),\(first.margin_of_error!),\(first.lower!),\(first.upper!)"
        )
        #expect(throws: RPCError.self) {
            try fixture.query { try $0.export(.init(nps: request, page_token: "garbage"), now: .now) }
        }
        #expect(throws: RPCError.self) { try fixture.query { try $0.export(.init(page_size: 3), now: .now) } }
        for other in [
            Analytics.ExportReportRequest(trend: .init(metric: .nps, window: Fixture.spans[1].window)),
            .init(personal_nps_ranking: .init(window: Fixture.spans[0].window)),
            .init(goodwill_spend: .init(window: Fixture.spans[0].window, group_by: [.team])),
            .init(engagement: .init(period: "2026-03")),
        ] {
            let page = try fixture.query { try $0.export(other, now: .now) }
            #expect(!page.rows.isEmpty && page.header!.contains(","))
        }
    }

    @Test("two read models fed the same events in another order answer identically")
    func determinism() throws {
        let other = Fixture(seed: 42) { generated in
            // Round-robin across services, feedback first: per-service order is kept.
            var queues = ["feedback", "staff", "tickets"].map { generated.events[$0]! }
            var events: [Event] = []
            while queues.contains(where: { !$0.isEmpty }) {
                for index in queues.indices where !queues[index].isEmpty { events.append(queues[index].removeFirst()) }
            }
            return events
        }
        let window = Fixture.spans[0].window
        func answers(_ fixture: Fixture) throws -> [String] {
            try fixture.query { state in
                [
                    "\(try state.nps(.init(window: window, group_by: [.employee, .channel, .day])))",
                    "\(try state.personalNpsRanking(.init(window: window)))",
                    "\(try state.goodwillSpend(.init(window: window, group_by: [.employerKind, .gestureKind])))",
                    "\(try state.complimentFigures(.init(window: window, group_by: [.coreValue, .team])))",
                    "\(try state.firstResponseFigures(.init(window: window, group_by: [.team, .channel]), nowMs: Fixture.now))",
                    "\(try state.engagement(.init(period: "2026-03"), now: .now))",
                ]
            }
        }
        #expect(try answers(fixture) == answers(other))
    }

    @Test("bad requests are refused naming the field")
    func refusals() throws {
        func message(_ body: (borrowing ReadModelState) throws -> Void) -> String? {
            do {
                try fixture.query(body)
                return nil
            } catch let error as RPCError {
                #expect(error.code == .invalidArgument)
                return error.message
            } catch { return "\(error)" }
        }
        #expect(message { _ = try $0.nps(.init()) }?.hasPrefix("window") == true)
        #expect(
            message { _ = try $0.nps(.init(window: Fixture.spans[0].window, group_by: [.gestureKind])) }?.hasPrefix(
                "group_by") == true)
        #expect(
            message { _ = try $0.trend(.init(window: Fixture.spans[0].window), nowMs: Fixture.now) }?.hasPrefix(
                "metric") == true)
        #expect(message { _ = try $0.engagement(.init(period: "March"), now: .now) }?.hasPrefix("period") == true)
    }
}

@testable import AnalyticsCore
import Contract
import Domain
import Testing

@Suite("service figures against a recomputation from raw rows")
struct ServiceFigureTests {
    let fixture = Fixture.shared
    var world: RawWorld { fixture.world }

    func employer(_ id: String) -> String { world.employee(id)?.employer ?? "" }

    @Test(
        "first responses within target, median and p90",
        arguments: [[], [.channel], [.team, .day], [.country]] as [[Analytics.Dimension]])
    func firstResponse(dimensions: [Analytics.Dimension]) throws {
        for span in Fixture.spans {
            for filter in Fixture.filters {
                let reply = try fixture.query {
                    try $0.firstResponseFigures(
                        .init(window: span.window, group_by: dimensions, filter: filter), nowMs: Fixture.now)
                }
                let expected = Oracle.group(
                    world.tickets, dimensions, span, filter,
                    attributes: { t in
                        [
                            .init(
                                country: t.country, category: t.category, channel: "\(t.channel.wireValue)",
                                employee: t.agent, team: t.team, employer: employer(t.agent), at: t.created)
                        ]
                    },
                    initial: [RawWorld.Ticket](), fold: { $0.append($1) })
                #expect(reply.rows.count == (dimensions.isEmpty ? 0 : expected.count))
                #expect(ascending(reply.rows.map { Oracle.key($0.key, dimensions) }))
                for row in reply.rows { check(row, expected[Oracle.key(row.key, dimensions)] ?? []) }
                check(reply.total!, expected.values.flatMap { $0 })
            }
        }
    }

    private func check(_ row: Analytics.FirstResponseRow, _ tickets: [RawWorld.Ticket]) {
        let answered = tickets.compactMap(\.responseMs)
        let within = tickets.filter { $0.responseMs != nil && $0.withinTarget }.count
        let overdue = tickets.filter { $0.responseMs == nil && $0.breached }.count
        #expect(row.tickets == UInt64(tickets.count))
        #expect(row.answered == UInt64(answered.count))
        #expect(row.within_target == UInt64(within))
        #expect(row.overdue == UInt64(overdue))
        #expect(
            close(
                row.within_target_share,
                answered.count + overdue == 0 ? nil : Double(within) / Double(answered.count + overdue)))
        #expect(row.median_response_ms == Oracle.percentile(answered, 0.5))
        #expect(row.p90_response_ms == Oracle.percentile(answered, 0.9))
    }

    @Test("first-contact resolution counts each ticket's latest resolution once")
    func firstContact() throws {
        for span in Fixture.spans {
            for dimensions in [[], [.channel], [.team, .country]] as [[Analytics.Dimension]] {
                let reply = try fixture.query {
                    try $0.firstContactResolution(.init(window: span.window, group_by: dimensions))
                }
                let effective = dimensions.isEmpty ? [Analytics.Dimension.channel] : dimensions
                let final = world.tickets.filter { !$0.reopenedAfterLast && !$0.resolutions.isEmpty }
                let expected = Oracle.group(
                    final, effective, span, nil,
                    attributes: { t in
                        [
                            .init(
                                country: t.country, channel: "\(t.channel.wireValue)", team: t.resolutions.last!.team,
                                at: t.resolutions.last!.at)
                        ]
                    },
                    initial: (0, 0), fold: { $0 = ($0.0 + 1, $0.1 + ($1.resolutions.last!.firstContact ? 1 : 0)) })
                #expect(Set(reply.rows.map { Oracle.key($0.key, effective) }) == Set(expected.keys))
                for row in reply.rows {
                    let counts = expected[Oracle.key(row.key, effective)]!
                    #expect(row.resolved == UInt64(counts.0) && row.first_contact == UInt64(counts.1))
                    #expect(close(row.share, Double(counts.1) / Double(counts.0)))
                }
                #expect(reply.total?.resolved == UInt64(expected.values.map(\.0).reduce(0, +)))
            }
        }
    }

    @Test("escalations to Special Care and how many were resolved since")
    func escalations() throws {
        let dimensions: [Analytics.Dimension] = [.escalationTrigger, .team]
        for span in Fixture.spans {
            let reply = try fixture.query { try $0.escalations(.init(window: span.window, group_by: dimensions)) }
            let expected = Oracle.group(
                world.escalations, dimensions, span, nil,
                attributes: { e in [.init(team: e.team, at: e.at, extra: "\(e.trigger)")] }, initial: (0, 0),
                fold: { counts, e in
                    let resolvedAt = world.tickets[e.ticket].finalResolvedAt ?? -1
                    counts = (counts.0 + 1, counts.1 + (resolvedAt >= e.at ? 1 : 0))
                })
            #expect(Set(reply.rows.map { Oracle.key($0.key, dimensions) }) == Set(expected.keys))
            for row in reply.rows {
                let counts = expected[Oracle.key(row.key, dimensions)]!
                #expect(row.escalations == UInt64(counts.0) && row.resolved == UInt64(counts.1))
            }
            #expect(reply.total?.escalations == UInt64(expected.values.map(\.0).reduce(0, +)))
        }
    }

    @Test(
        "goodwill per team, agent and kind, one row per currency",
        arguments: [[.team], [.employee], [.gestureKind], [.employerKind, .team]] as [[Analytics.Dimension]])
    func goodwill(dimensions: [Analytics.Dimension]) throws {
        for span in Fixture.spans {
            let reply = try fixture.query { try $0.goodwillSpend(.init(window: span.window, group_by: dimensions)) }
            let expected = Oracle.group(
                world.gestures, dimensions, span, nil,
                attributes: { g in
                    [.init(employee: g.agent, team: g.team, employer: g.employer, at: g.at, extra: "\(g.kind)")]
                },
                initial: [RawWorld.Gesture](), fold: { $0.append($1) })
            var byCurrency: [[String]: [RawWorld.Gesture]] = [:]
            for (key, gestures) in expected {
                for gesture in gestures {
                    byCurrency[Array(key.prefix(dimensions.count)) + [gesture.currency], default: []].append(gesture)
                }
            }
            #expect(
                Set(reply.rows.map { Oracle.key($0.key, dimensions) + [$0.amount!.currency.code] })
                    == Set(byCurrency.keys))
            for row in reply.rows {
                let gestures = byCurrency[Oracle.key(row.key, dimensions) + [row.amount!.currency.code]]!
                #expect(row.granted == UInt64(gestures.filter(\.granted).count))
                #expect(row.refused == UInt64(gestures.filter { !$0.granted }.count))
                #expect(row.approved_over_budget == UInt64(gestures.filter(\.approved).count))
                #expect(row.amount?.minorUnits == gestures.filter(\.granted).map(\.amount).reduce(0, +))
            }
            let currencies = Set(byCurrency.keys.map { $0.last! })
            #expect(reply.totals.map { $0.amount!.currency.code } == currencies.sorted())
        }
    }

    @Test("detractor follow-ups opened, closed and how fast")
    func followUps() throws {
        let now = Fixture.start + 40 * Fixture.day
        for span in Fixture.spans {
            for dimensions in [[], [.team], [.channel, .country]] as [[Analytics.Dimension]] {
                let reply = try fixture.query {
                    try $0.followUpFigures(.init(window: span.window, group_by: dimensions), nowMs: now)
                }
                let expected = Oracle.group(
                    world.followUps, dimensions, span, nil,
                    attributes: { f in
                        var attributes = fixture.oracle.responseAttributes(f.response)
                        attributes.at = f.requested
                        return [attributes]
                    }, initial: [RawWorld.FollowUp](), fold: { $0.append($1) })
                for row in reply.rows { check(row, expected[Oracle.key(row.key, dimensions)]!, now: now) }
                check(reply.total!, expected.values.flatMap { $0 }, now: now)
            }
        }
    }

    private func check(_ row: Analytics.FollowUpRow, _ followUps: [RawWorld.FollowUp], now: Int64) {
        let closeTimes = followUps.compactMap { f in f.closed.map { $0 - f.requested } }
        let open = followUps.filter { $0.closed == nil }
        #expect(row.requested == UInt64(followUps.count))
        #expect(row.opened == UInt64(followUps.filter { $0.opened != nil }.count))
        #expect(row.closed == UInt64(closeTimes.count))
        #expect(row.still_open == UInt64(open.count))
        #expect(row.median_time_to_close_ms == Oracle.percentile(closeTimes, 0.5))
        #expect(row.p90_time_to_close_ms == Oracle.percentile(closeTimes, 0.9))
        #expect(row.oldest_open_age_ms == open.map(\.requested).min().map { now - $0 })
    }

    @Test("compliments per employee and per core value")
    func compliments() throws {
        for span in Fixture.spans {
            for dimensions in [[.employee], [.coreValue], [.team, .coreValue]] as [[Analytics.Dimension]] {
                let reply = try fixture.query {
                    try $0.complimentFigures(.init(window: span.window, group_by: dimensions))
                }
                let expected = Oracle.group(
                    world.compliments, dimensions, span, nil,
                    attributes: { c in
                        (dimensions.contains(.coreValue) && !c.values.isEmpty ? c.values : [""]).map {
                            .init(employee: c.employee, team: c.team, at: c.at, extra: $0)
                        }
                    }, initial: (0, 0, 0),
                    fold: { $0 = $1.peer ? ($0.0, $0.1, $0.2 + 1) : ($0.0 + 1, $0.1 + ($1.consent ? 1 : 0), $0.2) })
                #expect(Set(reply.rows.map { Oracle.key($0.key, dimensions) }) == Set(expected.keys))
                for row in reply.rows {
                    let counts = expected[Oracle.key(row.key, dimensions)]!
                    #expect(row.customer_compliments == UInt64(counts.0))
                    #expect(row.with_consent == UInt64(counts.1))
                    #expect(row.peer_compliments == UInt64(counts.2))
                }
                let inSpan = world.compliments.filter { span.contains($0.at) }
                #expect(reply.total?.customer_compliments == UInt64(inSpan.filter { !$0.peer }.count))
                #expect(reply.total?.peer_compliments == UInt64(inSpan.filter(\.peer).count))
            }
        }
    }

    @Test("eNPS per team, withheld below five answers")
    func engagement() throws {
        let reply = try fixture.query { try $0.engagement(.init(period: "2026-03"), now: .now) }
        #expect(reply.min_answers == 5)
        #expect(reply.rows.map { $0.key!.team_id! } == world.teams.keys.sorted())
        for row in reply.rows {
            let scores = world.pulses.filter { $0.team == row.key!.team_id! }.map(\.score)
            #expect(row.answers == UInt64(scores.count))
            #expect(row.withheld == (scores.count < 5))
            if scores.count < 5 {
                #expect(row.promoters == nil && row.enps == nil)
            } else {
                #expect(close(row.enps, Oracle.nps(scores)?.nps))
            }
        }
        #expect(close(reply.overall?.enps, Oracle.nps(world.pulses.map(\.score))?.nps))
        let empty = try fixture.query { try $0.engagement(.init(period: "2026-02", team_ids: ["team-1"]), now: .now) }
        #expect(empty.rows.first?.withheld == true && empty.rows.first?.answers == 0)
    }
}

@testable import AnalyticsCore
import Contract
import Domain
import Testing

@Suite("NPS and personal NPS against a recomputation from raw answers")
struct NpsFigureTests {
    let fixture = Fixture.shared

    static let groupings: [[Analytics.Dimension]] = [
        [], [.channel], [.country], [.productCategory], [.employee], [.team], [.employer], [.employerKind], [.day],
        [.channel, .country], [.team, .day], [.employerKind, .channel, .country],
        // Too many possible cells for the flat array: the hash-table path.
        [.channel, .country, .productCategory, .employee],
    ]

    @Test("every group's counts, NPS and margin of error", arguments: groupings)
    func nps(dimensions: [Analytics.Dimension]) throws {
        for span in Fixture.spans {
            for filter in Fixture.filters {
                let reply = try fixture.query {
                    try $0.nps(.init(window: span.window, group_by: dimensions, filter: filter))
                }
                let expected = Oracle.group(
                    fixture.world.responses, dimensions, span, filter,
                    attributes: { [fixture.oracle.responseAttributes($0)] },
                    initial: [Int](), fold: { $0.append($1.score) })
                let keys = reply.rows.map { Oracle.key($0.key, dimensions) }
                if dimensions.isEmpty {
                    #expect(reply.rows.isEmpty)
                } else {
                    #expect(Set(keys) == Set(expected.keys), "groups of \(dimensions) in \(span)")
                    #expect(ascending(keys))
                }
                for row in reply.rows { check(row, expected[Oracle.key(row.key, dimensions)] ?? []) }
                check(reply.total!, expected.values.flatMap { $0 })
            }
        }
    }

    private func check(_ row: Analytics.NpsRow, _ scores: [Int]) {
        #expect(row.promoters == UInt64(scores.filter { $0 >= 9 }.count))
        #expect(row.passives == UInt64(scores.filter { (7...8).contains($0) }.count))
        #expect(row.detractors == UInt64(scores.filter { $0 <= 6 }.count))
        #expect(row.n == UInt64(scores.count))
        let figures = Oracle.nps(scores)
        #expect(close(row.nps, figures?.nps))
        #expect(close(row.margin_of_error, figures?.margin))
        #expect(close(row.lower, figures?.lower))
        #expect(close(row.upper, figures?.upper))
    }

    @Test("names of employees and teams come with their groups")
    func names() throws {
        let reply = try fixture.query {
            try $0.nps(.init(window: Fixture.spans[0].window, group_by: [.employee, .team]))
        }
        let credited = reply.rows.filter { $0.key?.employee_id != "" }
        #expect(!credited.isEmpty)
        for row in credited {
            let employee = fixture.world.employee(row.key!.employee_id!)!
            #expect(row.key?.employee_name == employee.name)
            #expect(row.key?.team_name == fixture.world.teams[row.key!.team_id!])
        }
    }

    @Test("personal NPS ranks by the lower bound, lists small samples apart", arguments: [1, 5, 12])
    func personalRanking(minimum: Int) throws {
        for span in Fixture.spans.prefix(3) {
            for filter in Fixture.filters {
                let reply = try fixture.query {
                    try $0.personalNpsRanking(
                        .init(window: span.window, min_responses: UInt32(minimum), filter: filter))
                }
                let expected = expectedRanking(span, filter, minimum: minimum)
                #expect(reply.ranked.map(\.employee_id!) == expected.ranked.map(\.id))
                #expect(reply.not_yet_rankable.map(\.employee_id!) == expected.waiting.map(\.id))
                for (entry, row) in zip(reply.ranked, expected.ranked) {
                    #expect(entry.rank == UInt32(row.rank))
                    #expect(entry.n == UInt64(row.scores.count))
                    #expect(close(entry.lower, row.lower))
                    #expect(entry.compliments_received == UInt64(row.compliments))
                    #expect(entry.responses_needed == 0)
                }
                for (entry, row) in zip(reply.not_yet_rankable, expected.waiting) {
                    #expect(entry.rank == nil)
                    #expect(entry.responses_needed == UInt32(minimum - row.scores.count))
                    #expect(entry.compliments_received == UInt64(row.compliments))
                }
            }
        }
    }

    struct Ranked {
        var id: String
        var scores: [Int]
        var compliments: Int
        var lower: Double?
        var rank = 0
    }

    private func expectedRanking(_ span: Oracle.Span, _ filter: Analytics.Filter?, minimum: Int)
        -> (ranked: [Ranked], waiting: [Ranked])
    {
        var factFilter = filter ?? Analytics.Filter()
        factFilter.team_ids = []
        factFilter.employer_ids = []
        factFilter.employer_kinds = []
        var rows: [Ranked] = []
        for employee in fixture.world.employees {
            let scores = fixture.world.responses.filter {
                $0.agent == employee.id && span.contains($0.at)
                    && fixture.oracle.responseAttributes($0).passes(factFilter)
            }.map(\.score)
            let compliments = fixture.world.compliments.filter {
                !$0.peer && $0.employee == employee.id && span.contains($0.at)
                    && Oracle.Attributes(
                        country: $0.country, channel: "\($0.channel?.wireValue ?? 0)", employee: $0.employee,
                        team: $0.team
                    ).passes(factFilter)
            }.count
            let organisation = Oracle.Attributes(
                employee: employee.id, team: employee.team, employer: employee.employer)
            var check = filter ?? Analytics.Filter()
            (check.countries, check.product_categories, check.channels) = ([], [], [])
            guard scores.count + compliments > 0, organisation.passes(check) else { continue }
            rows.append(
                Ranked(
                    id: employee.id, scores: scores, compliments: compliments,
                    lower: Oracle.nps(scores)?.lower))
        }
        var ranked = rows.filter { $0.scores.count >= minimum }.sorted {
            ($0.lower!, $0.scores.count, $1.id) > ($1.lower!, $1.scores.count, $0.id)
        }
        for index in ranked.indices {
            ranked[index].rank =
                index > 0 && ranked[index - 1].lower == ranked[index].lower ? ranked[index - 1].rank : index + 1
        }
        let waiting = rows.filter { $0.scores.count < minimum }.sorted {
            ($0.scores.count, $1.id) > ($1.scores.count, $0.id)
        }
        return (ranked, waiting)
    }

    @Test("a high score on three answers does not outrank a strong record on many")
    func smallSamplesDoNotWin() throws {
        var generated = GeneratedEvents(seed: 7, tickets: 0)
        var random = SeededRandom(seed: 1)
        let at = Fixture.start + Fixture.day
        for number in 0..<3 {
            generated.submit(
                .init(
                    at: at, score: number == 2 ? 8 : 10, agent: "emp-01", team: "team-2", employer: "in-house",
                    channel: .phone,
                    country: "NL", category: "toys"), id: "lucky-\(number)", ticketID: nil, &random)
        }
        for number in 0..<40 {
            generated.submit(
                .init(
                    at: at, score: number < 24 ? 10 : 8, agent: "emp-02", team: "team-3", employer: "in-house",
                    channel: .phone, country: "NL", category: "toys"), id: "steady-\(number)", ticketID: nil, &random)
        }
        let model = AnalyticsReadModel()
        for event in generated.all { model.apply(event) }
        model.markReady()
        let window = try TimeWindow(
            from: .init(unixMilliseconds: at - 1), to: .init(unixMilliseconds: at + 1), timeZone: .gmt)
        let reply = try model.query { try $0.personalNpsRanking(.init(window: window, min_responses: 2)) }
        let lucky = reply.ranked.first { $0.employee_id == "emp-01" }!
        let steady = reply.ranked.first { $0.employee_id == "emp-02" }!
        #expect(lucky.nps! > steady.nps!)
        #expect(steady.rank! < lucky.rank!)
        let strict = try model.query { try $0.personalNpsRanking(.init(window: window)) }
        #expect(strict.min_responses == 5)
        #expect(strict.not_yet_rankable.first { $0.employee_id == "emp-01" }?.responses_needed == 2)
    }
}

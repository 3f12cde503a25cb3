import Foundation
import Testing

@testable import Domain

@Suite("NPS summaries and their uncertainty")
struct NPSSummaryTests {
    @Test("50 promoters, 30 passives, 20 detractors: NPS 30 ± 15.31")
    func handComputedExample() throws {
        // n = 100, p = 0.5, d = 0.2. NPS = 100 * (0.5 - 0.2) = 30.
        // Var = 100^2 * (p + d - (p - d)^2) / n = 10000 * (0.7 - 0.09) / 100 = 61.
        // SE = sqrt(61) = 7.8102; margin = 1.96 * 7.8102 = 15.3081.
        // Interval 30 - 15.3081 = 14.6919 ... 30 + 15.3081 = 45.3081.
        let summary = try NPSSummary(promoters: 50, passives: 30, detractors: 20)
        #expect(summary.n == 100)
        #expect(try #require(summary.score).isClose(to: 30))
        #expect(try #require(summary.variance).isClose(to: 61))
        #expect(try #require(summary.standardError).isClose(to: 7.8102))
        #expect(try #require(summary.marginOfError).isClose(to: 15.3081))
        #expect(try #require(summary.lowerBound).isClose(to: 14.6919))
        #expect(try #require(summary.upperBound).isClose(to: 45.3081))
    }

    @Test("passives count in the denominator: 2 promoters and 2 passives is NPS 50")
    func passivesDilute() throws {
        // p = 0.5, d = 0: NPS 50. Var = 10000 * (0.5 - 0.25) / 4 = 625, SE 25, margin 49.
        let summary = try NPSSummary(promoters: 2, passives: 2, detractors: 0)
        #expect(try #require(summary.score).isClose(to: 50))
        #expect(try #require(summary.marginOfError).isClose(to: 49))
        #expect(try #require(summary.upperBound).isClose(to: 99))
    }

    @Test("a small sample's interval is clamped to -100...100")
    func clampedBounds() throws {
        // 1 promoter, 1 detractor: p = d = 0.5, NPS 0. Var = 10000 * (1 - 0) / 2 = 5000,
        // SE = 70.71, margin = 138.59: the raw interval -138.59...138.59 is clamped.
        let summary = try NPSSummary(promoters: 1, passives: 0, detractors: 1)
        #expect(try #require(summary.score).isClose(to: 0))
        #expect(try #require(summary.marginOfError).isClose(to: 138.5929))
        #expect(summary.lowerBound == -100)
        #expect(summary.upperBound == 100)
    }

    @Test("all promoters: NPS 100 with no spread")
    func unanimous() throws {
        let summary = try NPSSummary(promoters: 7, passives: 0, detractors: 0)
        #expect(summary.score == 100)
        #expect(summary.marginOfError == 0)
        #expect(summary.upperBound == 100)
    }

    @Test("no answers means no score, not a score of 0")
    func emptyHasNoScore() {
        let summary = NPSSummary.empty
        #expect(summary.n == 0)
        #expect(summary.score == nil)
        #expect(summary.marginOfError == nil)
        #expect(summary.lowerBound == nil)
    }

    @Test("summaries of parts add up to the summary of the whole")
    func merging() throws {
        let monday = try NPSSummary([10, 9, 3].map { try NPSScore($0) })
        let tuesday = try NPSSummary([7, 8, 0, 10].map { try NPSScore($0) })
        var week = NPSSummary.empty
        week += monday
        week += tuesday
        #expect(week == (monday + tuesday))
        #expect(week == (try NPSSummary(promoters: 3, passives: 2, detractors: 2)))
        #expect(try #require(week.score).isClose(to: 100.0 / 7))
    }

    @Test("recording answers one at a time counts them by category")
    func recording() throws {
        var summary = NPSSummary()
        for score in [6, 7, 8, 9] { summary.record(try NPSScore(score)) }
        #expect(summary == (try NPSSummary(promoters: 1, passives: 2, detractors: 1)))
    }

    @Test("negative counts are refused, naming the count")
    func negativeCounts() {
        #expect(invalidField { _ = try NPSSummary(promoters: 1, passives: -1, detractors: 0) } == "passives")
    }

    @Test("encodes like an NpsRow and decodes from the counts")
    func codable() throws {
        let summary = try NPSSummary(promoters: 50, passives: 30, detractors: 20)
        let object = try Fixture.jsonObject(summary)
        #expect(object["n"] as? Int == 100)
        #expect((object["nps"] as? Double)?.isClose(to: 30) == true)
        #expect((object["margin_of_error"] as? Double)?.isClose(to: 15.3081) == true)
        #expect(try Fixture.roundTrip(summary) == summary)
        #expect(try Fixture.jsonObject(NPSSummary.empty)["nps"] == nil)
    }
}

extension Double {
    /// Equal to four decimals, the precision the hand computations use.
    func isClose(to other: Double) -> Bool { abs(self - other) < 0.0001 }
}

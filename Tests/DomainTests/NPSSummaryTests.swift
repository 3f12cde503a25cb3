import Foundation
import Testing

@testable import Domain

@Suite("NPS summaries and their uncertainty")
struct NPSSummaryTests {
    @Test("50 promoters, 30 passives, 20 detractors: NPS 30, interval 14.05...44.20")
    func handComputedExample() throws {
        // n = 100, p = 0.5, d = 0.2. NPS = 100 * (0.5 - 0.2) = 30; plain Var = 10000 * 0.61 / 100 = 61.
        // Adjusted: n' = 103, p' = 50.75 / 103 = 0.492718, d' = 20.75 / 103 = 0.201456.
        // Centre 29.1262; Var' = 10000 * (0.694175 - 0.084834) / 103 = 59.1593; half-width 1.96 * 7.6915 = 15.0754.
        let summary = try NPSSummary(promoters: 50, passives: 30, detractors: 20)
        #expect(summary.n == 100)
        #expect(try #require(summary.score).isClose(to: 30))
        #expect(try #require(summary.variance).isClose(to: 61))
        #expect(try #require(summary.standardError).isClose(to: 7.8102))
        #expect(try #require(summary.marginOfError).isClose(to: 15.0754))
        #expect(try #require(summary.lowerBound).isClose(to: 14.0509))
        #expect(try #require(summary.upperBound).isClose(to: 44.2016))
    }

    @Test("passives count in the denominator: 2 promoters and 2 passives is NPS 50")
    func passivesDilute() throws {
        // NPS 50. n' = 7, p' = 2.75 / 7, d' = 0.75 / 7: centre 28.5714, Var' = 10000 * (0.5 - 0.081633) / 7
        // = 597.67, half-width 47.9166.
        let summary = try NPSSummary(promoters: 2, passives: 2, detractors: 0)
        #expect(try #require(summary.score).isClose(to: 50))
        #expect(try #require(summary.marginOfError).isClose(to: 47.9166))
        #expect(try #require(summary.upperBound).isClose(to: 76.4880))
    }

    @Test("a small sample's interval is clamped to -100...100")
    func clampedBounds() throws {
        // 1 promoter, 1 detractor: n' = 5, p' = d' = 0.35: centre 0, Var' = 10000 * 0.7 / 5 = 1400,
        // half-width 73.3365: inside the range. With one answer each way and no passives
        // the adjusted interval stays within -100...100; three detractors reach the edge.
        let summary = try NPSSummary(promoters: 1, passives: 0, detractors: 1)
        #expect(try #require(summary.score).isClose(to: 0))
        #expect(try #require(summary.marginOfError).isClose(to: 73.3365))
        #expect(try #require(summary.lowerBound).isClose(to: -73.3365))
        let unanimous = try NPSSummary(promoters: 40, passives: 0, detractors: 0)
        #expect(unanimous.upperBound == 100)
        #expect(try #require(unanimous.lowerBound) < 100)
    }

    @Test("all promoters: NPS 100, yet an interval of real width (never zero for n > 0)")
    func unanimous() throws {
        let summary = try NPSSummary(promoters: 7, passives: 0, detractors: 0)
        #expect(summary.score == 100)
        #expect(try #require(summary.marginOfError) > 10)
        #expect(summary.upperBound == 100)
        for n in 1...200 {
            let all = try NPSSummary(promoters: n, passives: 0, detractors: 0)
            #expect(try #require(all.lowerBound) < 100, "\(n) promoters")
            let none = try NPSSummary(promoters: 0, passives: 0, detractors: n)
            #expect(try #require(none.upperBound) > -100, "\(n) detractors")
        }
    }

    @Test("five promoters of five rank below 95 promoters and 5 passives of 100; one promoter is not +100")
    func fairAtTheEdges() throws {
        let lucky = try NPSSummary(promoters: 5, passives: 0, detractors: 0)
        let steady = try NPSSummary(promoters: 95, passives: 5, detractors: 0)
        #expect(try #require(lucky.lowerBound) < #require(steady.lowerBound))
        #expect(try #require(lucky.lowerBound).isClose(to: 17.4906))
        #expect(try #require(steady.lowerBound).isClose(to: 86.5629))
        let single = try NPSSummary(promoters: 1, passives: 0, detractors: 0)
        #expect(try #require(single.lowerBound).isClose(to: -48.5))
        #expect(try #require(single.upperBound).isClose(to: 98.5))
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
}

extension Double {
    /// Equal to four decimals, the precision the hand computations use.
    func isClose(to other: Double) -> Bool { abs(self - other) < 0.0001 }
}

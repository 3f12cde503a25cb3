import Foundation
import Testing

@testable import Domain

@Suite("NPS scores and categories")
struct NPSScoreTests {
    @Test(
        "answers fall into detractor 0-6, passive 7-8, promoter 9-10",
        arguments: [
            (0, NPSCategory.detractor), (6, .detractor), (7, .passive), (8, .passive), (9, .promoter),
            (10, .promoter),
        ])
    func categoryBoundaries(score: Int, expected: NPSCategory) throws {
        #expect(try NPSScore(score).category == expected)
    }

    @Test("every answer 0...10 is accepted, 0 included")
    func everyValidAnswer() throws {
        let scores = try (0...10).map { try NPSScore($0) }
        #expect(scores.map(\.value) == Array(0...10))
        #expect(scores.filter { $0.category == .detractor }.count == 7)
    }

    @Test("answers outside 0...10 are refused, naming the field", arguments: [-1, 11, 100, Int.min])
    func invalidScores(score: Int) {
        #expect(throws: DomainError.invalid(field: "score", reason: "must be 0...10, got \(score)")) {
            try NPSScore(score)
        }
        #expect(invalidField { _ = try NPSScore(score, field: "answer.score") } == "answer.score")
    }

    @Test("the error message starts with the field, as INVALID_ARGUMENT messages do")
    func errorMessage() {
        let error = DomainError.invalid(field: "score", reason: "must be 0...10, got 11")
        #expect(error.description == "score: must be 0...10, got 11")
        #expect(error.localizedDescription == "score: must be 0...10, got 11")
    }

    @Test("a score decodes from a plain number; 11 in a payload names its path")
    func decoding() throws {
        struct Answer: Codable { var score: NPSScore }
        #expect(try Fixture.decode(Answer.self, #"{"score": 0}"#).score.value == 0)
        #expect(invalidField { _ = try Fixture.decode(Answer.self, #"{"score": 11}"#) } == "score")
    }
}

import Bus
import Contract
import Domain
import Foundation
import ServiceKit

extension FeedbackSQLStore {
    func responses(_ filter: AnswerFilter, page: Page) async throws -> Feedback.ListResponsesReply {
        try await database.read(FeedbackSQLReader.self) { reader in
            let clause = Self.clause(filter, reader.session.dialect)
            let rows = try reader.session.rows(
                "SELECT body FROM response \(clause.sql) ORDER BY answered_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
                clause.arguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(rows)
            return Feedback.ListResponsesReply(
                responses: try kept.map { try reader.withFollowUp(try Feedback.SurveyResponse(row: $0)) },
                next_page_token: next)
        }
    }

    func detractorThemes(_ filter: AnswerFilter) async throws -> [(answeredAtMs: Int64, themes: [String])] {
        try await database.read(FeedbackSQLReader.self) { reader in
            let clause = Self.clause(filter, reader.session.dialect)
            return try reader.session.rows(
                "SELECT answered_at_ms, themes FROM response \(clause.sql)", clause.values
            ).map { row in
                (row["answered_at_ms"], (row["themes"] as String).split(separator: ",").map(String.init))
            }
        }
    }

    /// The WHERE clause of `filter` on the response table, in `dialect`.
    static func clause(_ filter: AnswerFilter, _ dialect: SQLDialect) -> Filter {
        var clause = Filter(dialect)
        clause.window("answered_at_ms", filter.answered)
        clause.any("category", filter.categories.map { $0.rawValue })
        clause.any("channel", filter.channels.map { $0.wireValue })
        clause.equal("country", filter.country)
        clause.equal("product_category", filter.productCategory)
        clause.equal("agent_id", filter.agentID)
        clause.equal("team_id", filter.teamID)
        clause.equal("ticket_id", filter.ticketID)
        clause.contains("themes", filter.theme)
        if let withComment = filter.withComment {
            clause.add(withComment ? "comment IS NOT NULL" : "comment IS NULL")
        }
        if let consent = filter.consentToQuote { clause.add("consent = ?", consent) }
        clause.text(["comment"], filter.text)
        return clause
    }
}

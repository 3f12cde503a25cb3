import Bus
import Contract
import Domain
import Foundation
import GRDB
import ServiceKit

extension SQLiteFeedbackStore {
    func responses(_ filter: AnswerFilter, page: Page) async throws -> Feedback.ListResponsesReply {
        try await store.read { db in
            let reader = SQLiteFeedbackReader(db: db)
            let clause = Self.clause(filter)
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT body FROM response \(clause.sql) ORDER BY answered_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
                arguments: clause.statementArguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(rows)
            return Feedback.ListResponsesReply(
                responses: try kept.map { try reader.withFollowUp(try Feedback.SurveyResponse(row: $0)) },
                next_page_token: next)
        }
    }

    func detractorThemes(_ filter: AnswerFilter) async throws -> [(answeredAtMs: Int64, themes: [String])] {
        try await store.read { db in
            let clause = Self.clause(filter)
            return try Row.fetchAll(
                db, sql: "SELECT answered_at_ms, themes FROM response \(clause.sql)",
                arguments: clause.statementArguments
            ).map { row in
                (row["answered_at_ms"], (row["themes"] as String).split(separator: ",").map(String.init))
            }
        }
    }

    /// The WHERE clause of `filter` on the response table.
    static func clause(_ filter: AnswerFilter) -> Filter {
        var clause = Filter()
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

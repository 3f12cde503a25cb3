import Bus
import Contract
import Domain
import Foundation
import GRDB
import ServiceKit

extension SQLiteFeedbackStore {
    func responses(_ request: Feedback.ListResponsesRequest, page: Page) async throws -> Feedback.ListResponsesReply {
        try await store.read { db in
            let reader = SQLiteFeedbackReader(db: db)
            var filter = Filter()
            filter.window("answered_at_ms", request.window?.bounds)
            filter.any("category", request.categories.map { $0.rawValue })
            filter.any("channel", request.channels.map { $0.rawValue })
            filter.equal("country", request.country)
            filter.equal("product_category", request.product_category)
            filter.equal("agent_id", request.agent_id)
            filter.equal("team_id", request.team_id)
            filter.equal("ticket_id", request.ticket_id)
            filter.contains("themes", request.theme)
            if let withComment = request.with_comment {
                filter.add(withComment ? "comment IS NOT NULL" : "comment IS NULL")
            }
            if let consent = request.consent_to_quote { filter.add("consent = ?", consent) }
            filter.text(["comment"], request.text)
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT body FROM response \(filter.sql) ORDER BY answered_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
                arguments: filter.statementArguments(then: page.limit, page.offset))
            let (kept, next) = page.cut(rows)
            return Feedback.ListResponsesReply(
                responses: try kept.map { try reader.withFollowUp(try Feedback.SurveyResponse(row: $0)) },
                next_page_token: next)
        }
    }

    func detractorThemes(_ request: Feedback.GetThemeCountsRequest) async throws
        -> [(answeredAtMs: Int64, themes: [String])]
    {
        try await store.read { db in
            var filter = Filter()
            filter.add("category = ?", Feedback.NpsCategory.detractor.rawValue)
            filter.window("answered_at_ms", request.window?.bounds)
            filter.any("channel", request.channels.map { $0.rawValue })
            filter.equal("country", request.country)
            filter.equal("product_category", request.product_category)
            return try Row.fetchAll(
                db, sql: "SELECT answered_at_ms, themes FROM response \(filter.sql)",
                arguments: filter.statementArguments
            ).map { row in
                (row["answered_at_ms"], (row["themes"] as String).split(separator: ",").map(String.init))
            }
        }
    }
}

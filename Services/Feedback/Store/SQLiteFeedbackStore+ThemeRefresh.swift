import Bus
import Contract
import Foundation
import GRDB
import ServiceKit

extension SQLiteFeedbackStore {
    /// Applies the current rules to every earlier answer with a comment whose themes
    /// were not set by hand: its themes become the ones its sender gave plus the
    /// ones the rules find. Each answer that changes records `response.themes_set`
    /// (no `set_by_id`: the rules set them).
    static func applyRulesAgain(in change: inout Change) throws {
        let rules = try rules(in: change.db)
        let rows = try Row.fetchAll(
            change.db,
            sql:
                "SELECT response_id, comment, language, given_themes, themes, body FROM response WHERE comment IS NOT NULL"
        )
        for row in rows {
            var response = try Feedback.SurveyResponse(row: row)
            guard response.themes_by_hand != true else { continue }
            let given = (row["given_themes"] as String).split(separator: ",").map(String.init)
            let found = matchingThemes(comment: row["comment"], language: row["language"], rules: rules)
            let themes = Array(Set(given + found)).sorted()
            guard themes != response.themes.sorted() else { continue }
            response.themes = themes
            let responseID: String = row["response_id"]
            try change.db.execute(
                sql: "UPDATE response SET themes = ?, body = ? WHERE response_id = ?",
                arguments: [listColumn(themes), try response.blob(), responseID])
            try change.record(
                "response.themes_set", subject: responseID,
                Feedback.ResponseThemesSet(response_id: responseID, themes: themes))
        }
    }
}

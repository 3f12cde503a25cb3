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
        for (responseID, themes) in try refreshThemes(in: change.db) {
            try change.record(
                "response.themes_set", subject: responseID,
                Feedback.ResponseThemesSet(response_id: responseID, themes: themes))
        }
    }

    /// Gives every answer with a comment, except those themed by hand, the current
    /// rules' themes plus its sender's; returns the answers that changed.
    static func refreshThemes(in db: Database) throws -> [(responseID: String, themes: [String])] {
        let rules = try rules(in: db)
        let rows = try Row.fetchAll(
            db,
            sql:
                "SELECT response_id, comment, language, given_themes, themes, body FROM response WHERE comment IS NOT NULL"
        )
        var changed: [(responseID: String, themes: [String])] = []
        for row in rows {
            var response = try Feedback.SurveyResponse(row: row)
            guard response.themes_by_hand != true else { continue }
            let given = (row["given_themes"] as String).split(separator: ",").map(String.init)
            let found = matchingThemes(comment: row["comment"], language: row["language"], rules: rules)
            let themes = Array(Set(given + found)).sorted()
            guard themes != response.themes.sorted() else { continue }
            response.themes = themes
            let responseID: String = row["response_id"]
            try db.execute(
                sql: "UPDATE response SET themes = ?, body = ? WHERE response_id = ?",
                arguments: [listColumn(themes), try response.blob(), responseID])
            changed.append((responseID, themes))
        }
        return changed
    }
}

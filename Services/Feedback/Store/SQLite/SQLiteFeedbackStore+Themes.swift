import Bus
import Contract
import Foundation
import GRDB
import ServiceKit

extension SQLiteFeedbackStore: ThemeRuleStore {
    func themeRules() async throws -> [Feedback.ThemeRule] {
        try await read { db in try Self.rules(in: db) }
    }

    static func rules(in db: Database) throws -> [Feedback.ThemeRule] {
        try Row.fetchAll(db, sql: "SELECT body FROM theme_rule ORDER BY created_at_ms, rowid").map {
            try Feedback.ThemeRule(row: $0)
        }
    }

    /// A new rule (no rule_id) or a replacement of an existing one (NOT_FOUND if
    /// unknown); earlier answers get the rules' themes again in the same write.
    func upsertThemeRule(_ rule: Feedback.ThemeRule, idempotencyKey: String?) async throws
        -> Feedback.UpsertThemeRuleReply
    {
        try await write("UpsertThemeRule", idempotencyKey: idempotencyKey) { change in
            var rule = rule
            rule.updated_at_ms = change.nowMs
            let created = rule.rule_id == nil
            if let id = rule.rule_id {
                guard
                    try Bool.fetchOne(change.db, sql: "SELECT 1 FROM theme_rule WHERE rule_id = ?", arguments: [id])
                        != nil
                else { throw StoreError.notFound("theme rule", id) }
                try change.db.execute(
                    sql: "UPDATE theme_rule SET body = ? WHERE rule_id = ?", arguments: [try rule.blob(), id])
            } else {
                rule.rule_id = Tokens.id("rule")
                try change.db.execute(
                    sql: "INSERT INTO theme_rule (rule_id, created_at_ms, body) VALUES (?, ?, ?)",
                    arguments: [rule.rule_id, change.nowMs, try rule.blob()])
            }
            try change.record(
                "theme_rule.upserted", subject: try rule.rule_id.stored("rule_id"),
                Feedback.ThemeRuleUpserted(rule: rule))
            try Self.applyRulesAgain(in: &change)
            return Feedback.UpsertThemeRuleReply(rule: rule, created: created)
        }
    }

    func deleteThemeRule(id: String) async throws {
        _ = try await write("DeleteThemeRule") { change in
            try change.db.execute(sql: "DELETE FROM theme_rule WHERE rule_id = ?", arguments: [id])
            guard change.db.changesCount > 0 else { throw StoreError.notFound("theme rule", id) }
            try change.record("theme_rule.deleted", subject: id, Feedback.ThemeRuleDeleted(rule_id: id))
            try Self.applyRulesAgain(in: &change)
            return Feedback.DeleteThemeRuleReply()
        }
    }

    /// Themes of the enabled rules with a keyword in `comment` (case-insensitive).
    /// A rule with languages applies only to answers in one of them (by prefix,
    /// "nl" matches "nl-BE"); answers of unknown language meet every rule.
    static func matchingThemes(comment: String?, language: String?, in db: Database) throws -> [String] {
        matchingThemes(comment: comment, language: language, rules: try rules(in: db))
    }

    static func matchingThemes(comment: String?, language: String?, rules: [Feedback.ThemeRule]) -> [String] {
        guard let comment = comment?.lowercased() else { return [] }
        return rules.compactMap { rule in
            guard rule.enabled ?? true, let theme = rule.theme else { return nil }
            if let language = language?.lowercased(), !rule.languages.isEmpty,
                !rule.languages.contains(where: {
                    language == $0.lowercased() || language.hasPrefix($0.lowercased() + "-")
                })
            {
                return nil
            }
            return rule.keywords.contains { !$0.isEmpty && comment.contains($0.lowercased()) } ? theme : nil
        }
    }
}

extension SQLiteFeedbackStore {
    /// Replaces the themes by hand: rules no longer change them.
    func setThemes(responseID: String, themes: [String], setByID: String?) async throws -> Feedback.SurveyResponse {
        try await write("SetResponseThemes") { change in
            guard
                let row = try Row.fetchOne(
                    change.db, sql: "SELECT body FROM response WHERE response_id = ?", arguments: [responseID])
            else { throw StoreError.notFound("response", responseID) }
            var response = try Feedback.SurveyResponse(row: row)
            response.themes = themes
            response.themes_by_hand = true
            try change.db.execute(
                sql: "UPDATE response SET themes = ?, body = ? WHERE response_id = ?",
                arguments: [listColumn(themes), try response.blob(), responseID])
            try change.record(
                "response.themes_set", subject: responseID,
                Feedback.ResponseThemesSet(response_id: responseID, themes: themes, set_by_id: setByID))
            return Feedback.SetResponseThemesReply(response: try Self.withFollowUp(response, in: change.db))
        }.response.stored("response")
    }

    func detractorThemes(_ request: Feedback.GetThemeCountsRequest) async throws
        -> [(answeredAtMs: Int64, themes: [String])]
    {
        try await read { db in
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

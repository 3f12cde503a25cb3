import Bus
import Contract
import ServiceKit

extension FeedbackHandlers {
    // SetResponseThemes, ListThemeRules, UpsertThemeRule, DeleteThemeRule, GetThemeCounts.

    /// Replaces the themes by hand: rules no longer change them.
    func setResponseThemes(_ request: Feedback.SetResponseThemesRequest, _ context: CallContext) async throws
        -> Feedback.SetResponseThemesReply
    {
        let responseID = try Fields.required(request.response_id, "response_id")
        let themes = try Fields.slugs(request.themes, "themes")
        let setByID = try Fields.optionalID(request.set_by_id, "set_by_id")
        return try await store.write(method: "SetResponseThemes", idempotencyKey: nil) { tx in
            guard var response = try tx.response(id: responseID) else {
                throw RPCError.notFound("response", responseID)
            }
            response.themes = themes
            response.themes_by_hand = true
            try tx.saveThemes(response)
            try tx.record(
                "response.themes_set", subject: responseID,
                Feedback.ResponseThemesSet(response_id: responseID, themes: themes, set_by_id: setByID))
            return Feedback.SetResponseThemesReply(response: try tx.withFollowUp(response))
        }
    }

    func listThemeRules(_ request: Feedback.ListThemeRulesRequest, _ context: CallContext) async throws
        -> Feedback.ListThemeRulesReply
    {
        Feedback.ListThemeRulesReply(rules: try await store.read { try $0.themeRules() })
    }

    /// A new rule (no rule_id) or a replacement of an existing one (NOT_FOUND if
    /// unknown); earlier answers get the rules' themes again in the same write.
    func upsertThemeRule(_ request: Feedback.UpsertThemeRuleRequest, _ context: CallContext) async throws
        -> Feedback.UpsertThemeRuleReply
    {
        let rule = try Fields.required(request.rule, "rule")
        let keywords = rule.keywords.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !keywords.isEmpty else {
            throw RPCError.invalidArgument(field: "rule.keywords", "must name a keyword")
        }
        let checked = Feedback.ThemeRule(
            rule_id: try Fields.optionalID(rule.rule_id, "rule.rule_id"),
            theme: try Fields.slug(try Fields.required(rule.theme, "rule.theme"), "rule.theme"),
            keywords: keywords, languages: rule.languages.filter { !$0.isEmpty }, enabled: rule.enabled ?? true)
        return try await store.write(method: "UpsertThemeRule", idempotencyKey: context.idempotencyKey) { tx in
            var rule = checked
            rule.updated_at_ms = tx.nowMs
            let created = rule.rule_id == nil
            if let id = rule.rule_id {
                guard try tx.themeRuleExists(id: id) else { throw RPCError.notFound("theme rule", id) }
                try tx.update(rule)
            } else {
                rule.rule_id = Tokens.id("rule")
                try tx.insert(rule)
            }
            try tx.record(
                "theme_rule.upserted", subject: try rule.rule_id.stored("rule_id"),
                Feedback.ThemeRuleUpserted(rule: rule))
            try Self.applyRulesAgain(in: tx)
            return Feedback.UpsertThemeRuleReply(rule: rule, created: created)
        }
    }

    func deleteThemeRule(_ request: Feedback.DeleteThemeRuleRequest, _ context: CallContext) async throws
        -> Feedback.DeleteThemeRuleReply
    {
        let id = try Fields.required(request.rule_id, "rule_id")
        return try await store.write(method: "DeleteThemeRule", idempotencyKey: nil) { tx in
            guard try tx.deleteThemeRule(id: id) else { throw RPCError.notFound("theme rule", id) }
            try tx.record("theme_rule.deleted", subject: id, Feedback.ThemeRuleDeleted(rule_id: id))
            try Self.applyRulesAgain(in: tx)
            return Feedback.DeleteThemeRuleReply()
        }
    }

    func getThemeCounts(_ request: Feedback.GetThemeCountsRequest, _ context: CallContext) async throws
        -> Feedback.GetThemeCountsReply
    {
        let window = try Fields.required(request.window, "window")
        let period = request.period.flatMap { $0 == .unspecified ? nil : $0 } ?? .week
        let answers = try await store.detractorThemes(AnswerFilter(detractorsOf: request))
        return Feedback.GetThemeCountsReply(counts: ThemeCounting.counts(answers, in: window, per: period))
    }

    /// Applies the current rules to every earlier answer with a comment whose themes
    /// were not set by hand (`ThemeMatching.refreshed`). Each answer that changes
    /// records `response.themes_set` (no `set_by_id`: the rules set them).
    static func applyRulesAgain(in tx: any FeedbackWriting) throws {
        for response in ThemeMatching.refreshed(try tx.commentedAnswers(), rules: try tx.themeRules()) {
            let responseID = try response.response_id.stored("response_id")
            try tx.saveThemes(response)
            try tx.record(
                "response.themes_set", subject: responseID,
                Feedback.ResponseThemesSet(response_id: responseID, themes: response.themes))
        }
    }
}

import Bus
import Contract
import ServiceKit

extension ServiceRouter {
    /// SetResponseThemes, ListThemeRules, UpsertThemeRule, DeleteThemeRule, GetThemeCounts.
    mutating func registerThemes(_ store: some FeedbackStore) {
        register(Feedback.setResponseThemes) { request, _ in
            let response = try await store.setThemes(
                responseID: try Fields.required(request.response_id, "response_id"),
                themes: try Fields.slugs(request.themes, "themes"),
                setByID: try Fields.optionalID(request.set_by_id, "set_by_id"))
            return Feedback.SetResponseThemesReply(response: response)
        }
        register(Feedback.listThemeRules) { _, _ in Feedback.ListThemeRulesReply(rules: try await store.themeRules()) }
        register(Feedback.upsertThemeRule) { request, context in
            let rule = try Fields.required(request.rule, "rule")
            let keywords = rule.keywords.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !keywords.isEmpty else {
                throw RPCError.invalidArgument(field: "rule.keywords", "must name a keyword")
            }
            let checked = Feedback.ThemeRule(
                rule_id: try Fields.optionalID(rule.rule_id, "rule.rule_id"),
                theme: try Fields.slug(try Fields.required(rule.theme, "rule.theme"), "rule.theme"),
                keywords: keywords, languages: rule.languages.filter { !$0.isEmpty }, enabled: rule.enabled ?? true)
            return try await store.upsertThemeRule(checked, idempotencyKey: context.idempotencyKey)
        }
        register(Feedback.deleteThemeRule) { request, _ in
            try await store.deleteThemeRule(id: try Fields.required(request.rule_id, "rule_id"))
            return Feedback.DeleteThemeRuleReply()
        }
        register(Feedback.getThemeCounts) { request, _ in
            let window = try Fields.required(request.window, "window")
            let period = request.period.flatMap { $0 == .unspecified ? nil : $0 } ?? .week
            let answers = try await store.detractorThemes(request)
            return Feedback.GetThemeCountsReply(counts: ThemeCounting.counts(answers, in: window, per: period))
        }
    }
}

import Bus
import Contract
import Domain
import Foundation
import ServiceKit
import Testing

@testable import FeedbackService

@Suite("Themes for the outer loop", .serialized)
struct ThemeTests {
    private func answer(_ harness: FeedbackHarness, _ score: Int32, _ comment: String?, themes: [String] = [])
        async throws -> Feedback.SurveyResponse
    {
        try #require(
            try await harness.call(
                Feedback.submitResponse,
                Feedback.SubmitResponseRequest(
                    score: score, comment: comment, themes: themes,
                    attribution: .init(channel: .email, country: "NL", touchpoint: "delivery"))
            ).response)
    }

    /// Deletes every rule (the default ones included), for tests of rules alone.
    private func withoutRules(_ harness: FeedbackHarness) async throws {
        for rule in try await harness.call(Feedback.listThemeRules, .init()).rules {
            _ = try await harness.call(Feedback.deleteThemeRule, .init(rule_id: rule.rule_id))
        }
    }

    private func themes(_ harness: FeedbackHarness, _ response: Feedback.SurveyResponse) async throws -> [String] {
        try await harness.call(Feedback.getResponse, .init(response_id: response.response_id)).response?.themes ?? []
    }

    @Test("keyword rules set themes on later and earlier responses; operators edit and delete them")
    func rules() async throws {
        let harness = try await FeedbackHarness()
        try await withoutRules(harness)
        let before = try await answer(harness, 2, "The parcel was late")
        let created = try await harness.call(
            Feedback.upsertThemeRule,
            Feedback.UpsertThemeRuleRequest(rule: .init(theme: "delivery-delay", keywords: ["LATE", "te laat"])),
            key: "r-1")
        let rule = try #require(created.rule)
        #expect(created.created == true && rule.enabled == true && rule.rule_id != nil)
        #expect(
            try await harness.call(
                Feedback.upsertThemeRule,
                Feedback.UpsertThemeRuleRequest(rule: .init(theme: "delivery-delay", keywords: ["LATE", "te laat"])),
                key: "r-1") == created)
        #expect(before.themes.isEmpty)
        #expect(try await themes(harness, before) == ["delivery-delay"])  // the rule reaches earlier answers
        let after = try await answer(harness, 3, "Pakket kwam te laat", themes: ["packaging"])
        #expect(after.themes == ["delivery-delay", "packaging"] && after.themes_by_hand == false)
        #expect(try await answer(harness, 3, "Friendly staff").themes.isEmpty)
        // Replace: disabled rules do nothing.
        var disabled = rule
        disabled.enabled = false
        let replaced = try await harness.call(Feedback.upsertThemeRule, Feedback.UpsertThemeRuleRequest(rule: disabled))
        #expect(replaced.created == false)
        #expect(try await answer(harness, 3, "late again").themes.isEmpty)
        #expect(try await themes(harness, before).isEmpty)
        #expect(try await themes(harness, after) == ["packaging"])
        #expect(
            try await harness.call(Feedback.listThemeRules, Feedback.ListThemeRulesRequest()).rules.map { $0.enabled }
                == [false])
        _ = try await harness.call(Feedback.deleteThemeRule, Feedback.DeleteThemeRuleRequest(rule_id: rule.rule_id))
        #expect(try await harness.call(Feedback.listThemeRules, Feedback.ListThemeRulesRequest()).rules.isEmpty)
        let again = await harness.refusal(
            Feedback.deleteThemeRule, Feedback.DeleteThemeRuleRequest(rule_id: rule.rule_id))
        #expect(again?.code == .notFound)
        let unknown = await harness.refusal(
            Feedback.upsertThemeRule,
            Feedback.UpsertThemeRuleRequest(rule: .init(rule_id: "rule-x", theme: "a", keywords: ["b"])))
        #expect(unknown?.code == .notFound)
        let noKeywords = await harness.refusal(
            Feedback.upsertThemeRule, Feedback.UpsertThemeRuleRequest(rule: .init(theme: "a", keywords: [" "])))
        #expect(noKeywords?.message.hasPrefix("rule.keywords") == true)
        #expect(try harness.events("theme_rule.upserted", as: Feedback.ThemeRuleUpserted.self).count == 2)
        #expect(
            try harness.events("theme_rule.deleted", as: Feedback.ThemeRuleDeleted.self).filter {
                $0.rule_id == rule.rule_id
            }.count == 1)
        await harness.shutdown()
    }

    @Test("a rule for some languages skips answers in others")
    func languages() async throws {
        let harness = try await FeedbackHarness()
        try await withoutRules(harness)
        _ = try await harness.call(
            Feedback.upsertThemeRule,
            Feedback.UpsertThemeRuleRequest(rule: .init(theme: "delivery-delay", keywords: ["laat"], languages: ["nl"]))
        )
        for (ticket, language) in [("tkt-nl", "nl-BE"), ("tkt-fr", "fr-BE")] {
            var resolved = FeedbackHarness.resolved(ticket, customer: "cus-\(ticket)", at: harness.clock.nowMs)
            resolved.customer_language = language
            try await harness.resolve(resolved)
        }
        harness.clock.advance(hours: 25)
        var themes: [[String]] = []
        for ticket in ["tkt-nl", "tkt-fr"] {
            let token = try await harness.invitation(forTicket: ticket).token
            let reply = try await harness.call(
                Feedback.submitResponse, Feedback.SubmitResponseRequest(token: token, score: 4, comment: "veel te laat")
            )
            themes.append(reply.response?.themes ?? [])
        }
        #expect(themes == [["delivery-delay"], []])
        await harness.shutdown()
    }

    @Test(
        "default rules find the typical complaints in Dutch, French and English",
        arguments: [
            ("The delivery was late again and nobody called me.", "late-delivery"),
            ("Waited far too long for an answer.", "waiting"), ("Het pakket kwam twee dagen te laat", "late-delivery"),
            ("Le colis est arrivé en retard", "late-delivery"), ("Het fotoboek was beschadigd", "damaged"),
            ("Le livre est arrivé abîmé", "damaged"), ("The box was damaged", "damaged"),
            ("Verkeerde maat geleverd", "wrong-item"), ("J'ai reçu le mauvais article", "wrong-item"),
            ("Wrong item in the box", "wrong-item"), ("Nog steeds geen terugbetaling", "refund"),
            ("Toujours pas de remboursement", "refund"), ("I asked for a refund twice", "refund"),
            ("De medewerker was onbeleefd", "rude"), ("Un conseiller très impoli", "rude"),
            ("The agent was rude to me", "rude"), ("Een uur in de wacht gestaan", "waiting"),
            ("Trop d'attente au téléphone", "waiting"),
        ])
    func defaults(comment: String, theme: String) async throws {
        let harness = try await FeedbackHarness()
        #expect(try await answer(harness, 3, comment).themes.contains(theme))
        await harness.shutdown()
    }

    @Test("a new rule gives earlier answers its theme, published; hand-set themes stay")
    func rulesReachEarlierAnswers() async throws {
        let harness = try await FeedbackHarness()
        let earlier = try await answer(harness, 2, "The box smelled of smoke")
        let byHand = try await answer(harness, 3, "Smoke everywhere")
        _ = try await harness.call(
            Feedback.setResponseThemes, .init(response_id: byHand.response_id, themes: ["other"]))
        #expect(earlier.themes.isEmpty)
        let rule = try await harness.call(
            Feedback.upsertThemeRule, .init(rule: .init(theme: "smell", keywords: ["smoke", "rook", "fumée"])))
        #expect(try await themes(harness, earlier) == ["smell"])
        #expect(try await themes(harness, byHand) == ["other"])
        let set = try harness.events("response.themes_set", as: Feedback.ResponseThemesSet.self)
        #expect(set.last == .init(response_id: earlier.response_id, themes: ["smell"]))
        let counted = try await harness.call(Feedback.listResponses, .init(theme: "smell"))
        #expect(counted.responses.map { $0.response_id } == [earlier.response_id])
        _ = try await harness.call(Feedback.deleteThemeRule, .init(rule_id: rule.rule?.rule_id))
        #expect(try await themes(harness, earlier).isEmpty)
        await harness.shutdown()
    }

    @Test("a database from before the default rules gets them, applied to the answers it holds")
    func upgrade() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("glimlach-feedback-\(UUID().uuidString)/feedback.sqlite").path
        let old = try SQLiteStore(path: path, service: "feedback", migrations: [FeedbackSchema.migrations[0]])
        let stored = Feedback.SurveyResponse(
            response_id: "rsp-old", score: 3, category: .detractor, comment: "Het pakket kwam te laat",
            themes_by_hand: false, answered_at_ms: 1)
        _ = try await old.write(method: "Seed") { change in
            try change.db.execute(
                sql: """
                    INSERT INTO response (response_id, score, category, answered_at_ms, comment, consent, themes, body)
                    VALUES ('rsp-old', 3, 3, 1, 'Het pakket kwam te laat', 0, ',', ?)
                    """,
                arguments: [try stored.blob()])
            return Feedback.GetResponseReply()
        }
        let upgraded = try FeedbackSQLStore(path: path)
        #expect(try await upgraded.read { try $0.response(id: "rsp-old") }?.themes == ["late-delivery"])
        #expect(try await upgraded.read { try $0.themeRules() }.count == DefaultThemeRules.rules.count)
    }

    @Test("themes set by hand replace the rules' and are published")
    func byHand() async throws {
        let harness = try await FeedbackHarness()
        let response = try await answer(harness, 5, "meh")
        let set = try await harness.call(
            Feedback.setResponseThemes,
            Feedback.SetResponseThemesRequest(
                response_id: response.response_id, themes: ["price", "price", "stock"], set_by_id: "emp-ops"))
        #expect(set.response?.themes == ["price", "stock"] && set.response?.themes_by_hand == true)
        let listed = try await harness.call(Feedback.listResponses, Feedback.ListResponsesRequest(theme: "stock"))
        #expect(listed.responses.count == 1)
        let bad = await harness.refusal(
            Feedback.setResponseThemes,
            Feedback.SetResponseThemesRequest(response_id: response.response_id, themes: ["No Slug"]))
        #expect(bad?.message.hasPrefix("themes") == true)
        let unknown = await harness.refusal(
            Feedback.setResponseThemes, Feedback.SetResponseThemesRequest(response_id: "rsp-none", themes: ["a"]))
        #expect(unknown?.code == .notFound)
        let event = try harness.events("response.themes_set", as: Feedback.ResponseThemesSet.self)
        #expect(event == [.init(response_id: response.response_id, themes: ["price", "stock"], set_by_id: "emp-ops")])
        await harness.shutdown()
    }

    @Test("theme counts among detractors per ISO week, with each week's detractor total and share")
    func counts() async throws {
        let harness = try await FeedbackHarness()
        // Week 2 of 2026 (Monday 5 January): three detractors, one passive.
        _ = try await answer(harness, 2, nil, themes: ["delivery-delay"])
        _ = try await answer(harness, 4, nil, themes: ["delivery-delay", "price"])
        _ = try await answer(harness, 6, nil)
        _ = try await answer(harness, 8, nil, themes: ["delivery-delay"])
        harness.clock.advance(hours: 24 * 7)
        _ = try await answer(harness, 1, nil, themes: ["price"])
        let window = try Domain.TimeWindow(
            from: TestClock.start.addingTimeInterval(-86_400), to: TestClock.start.addingTimeInterval(20 * 86_400),
            timeZone: TimeZone(identifier: "Europe/Amsterdam")!)
        let reply = try await harness.call(Feedback.getThemeCounts, Feedback.GetThemeCountsRequest(window: window))
        let rows = reply.counts.map { "\($0.period!) \($0.theme!) \($0.detractors!)/\($0.detractors_total!)" }
        #expect(rows == ["2026-W02 delivery-delay 2/3", "2026-W02 price 1/3", "2026-W03 price 1/1"])
        #expect(reply.counts[0].share == 2.0 / 3.0)
        #expect(reply.counts[0].period_from_ms == 1_767_567_600_000, "Monday 00:00 in Amsterdam")
        let byMonth = try await harness.call(
            Feedback.getThemeCounts, Feedback.GetThemeCountsRequest(window: window, period: .month, channels: [.phone]))
        #expect(byMonth.counts.isEmpty)
        let missing = await harness.refusal(Feedback.getThemeCounts, Feedback.GetThemeCountsRequest())
        #expect(missing?.message.hasPrefix("window") == true)
        await harness.shutdown()
    }
}

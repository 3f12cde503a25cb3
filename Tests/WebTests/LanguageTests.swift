import Contract
import Domain
import Foundation
import HTTPTypes
import Testing

@testable import WebService

/// Every page in Dutch, French or English: the person's cookie first, then the
/// survey invitation's language, then Accept-Language, else English.
@Suite("Languages: nl, fr and en", .timeLimit(.minutes(2)))
struct LanguageTests {
    static func accept(_ value: String) -> HTTPFields { [.acceptLanguage: value] }

    @Test(
        "the sign-in page speaks the browser's language, quality values honoured, with <html lang>",
        arguments: [
            ("nl-NL,nl;q=0.9,en;q=0.8", "nl", "Wachtwoord"), ("fr-BE, en;q=0.5", "fr", "Mot de passe"),
            ("en;q=0.2, fr;q=0.9", "fr", "Mot de passe"), ("de-DE, nl;q=0, en-GB;q=0.7", "en", "Password"),
            ("", "en", "Password"),
        ])
    func acceptLanguage(header: String, lang: String, text: String) async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            let page = try await web.get("/signin", headers: header.isEmpty ? [:] : Self.accept(header))
            #expect(page.status == .ok)
            #expect(page.body.contains(#"<html lang="\#(lang)">"#))
            #expect(page.body.contains(text))
        }
        await world.shutdown()
    }

    @Test("the switcher's cookie wins over Accept-Language and brings the person back to the page")
    func switcherCookie() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            let before = try await web.get("/signin", headers: Self.accept("nl"))
            #expect(before.body.contains(#"href="/language/fr?next=%2Fsignin""#))
            let switched = try await web.get("/language/fr?next=%2Fsignin")
            #expect(switched.status == .seeOther && switched.location == "/signin")
            #expect(web.cookies[Language.cookie] == "fr")
            let page = try await web.get("/signin", headers: Self.accept("nl"))
            #expect(page.body.contains(#"<html lang="fr">"#) && page.body.contains("Connexion"))
            // Somewhere else than this site is never a way back.
            #expect(try await web.get("/language/en?next=https://evil.example/").location == "/dashboard")
        }
        await world.shutdown()
    }

    @Test("a Dutch invitation's survey, thank-you and refusal are in Dutch, whatever the browser says")
    func surveyInInvitationLanguage() async throws {
        let world = try await WebWorld()
        let token = try await world.invite(name: "Anna", language: "nl")
        try await world.withWeb { web in
            let form = try await web.get("/s/\(token)", headers: Self.accept("en-GB,en;q=0.9"))
            #expect(form.body.contains(#"<html lang="nl">"#))
            #expect(form.body.contains("Hallo Anna!"))
            #expect(form.body.contains("Hoe waarschijnlijk is het dat u ons aanbeveelt"))
            #expect(!form.body.contains("How likely"))
            let sent = try await web.post("/s/\(token)", [("csrf", form.hidden("csrf")!), ("score", "9")])
            let thanks = try await web.get(sent.location ?? "/", headers: Self.accept("en"))
            #expect(thanks.body.contains(#"<html lang="nl">"#) && thanks.body.contains("Bedankt!"))
            #expect(thanks.body.contains("9 van de 10"))
            let again = try await web.get("/s/\(token)")
            #expect(again.status == .conflict && again.body.contains("U heeft al geantwoord"))
        }
        await world.shutdown()
    }

    @Test("a name or comment with <script> is shown as text by the templates, never run")
    func escapesUserText() async throws {
        let world = try await WebWorld()
        let token = try await world.invite(name: #"<script>alert("x")</script>"#, language: "fr")
        try await world.withWeb { web in
            let form = try await web.get("/s/\(token)")
            #expect(form.body.contains("Bonjour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; !"))
            #expect(!form.body.contains("<script"))
            let sent = try await web.post(
                "/s/\(token)",
                [("csrf", form.hidden("csrf")!), ("comment", "<img src=x onerror=alert(1)>"), ("score", "10")])
            let thanks = try await web.get(sent.location ?? "/")
            #expect(thanks.body.contains("&lt;img src=x onerror=alert(1)&gt;") && !thanks.body.contains("<img"))
        }
        await world.shutdown()
    }

    @Test("numbers, shares, dates and money are written the locale's way")
    func formats() throws {
        let money = try Money(minorUnits: 123_450, currency: Currency("EUR"))
        #expect(Language.en.number(1234.5, decimals: 1) == "1,234.5")
        #expect(Language.nl.number(1234.5, decimals: 1) == "1.234,5")
        #expect(Language.fr.number(1234.5, decimals: 1).hasSuffix("234,5"))
        #expect(Language.en.money(money) == "€1,234.50")
        #expect(Language.nl.money(money).contains("1.234,50") && Language.nl.money(money).contains("€"))
        #expect(Language.fr.money(money).hasSuffix("€") && Language.fr.money(money).contains("234,50"))
        #expect(Language.en.percent(0.25) == "25%")
        #expect(Language.fr.percent(0.25).hasPrefix("25") && Language.fr.percent(0.25) != "25%")
        let day = Date(timeIntervalSince1970: 1_796_515_200)  // 2026-12-06 UTC
        let zone = TimeZone(identifier: "Europe/Amsterdam")!
        #expect(Language.en.date(day, in: zone) == "6 Dec 2026")
        #expect(Language.nl.date(day, in: zone).contains("dec") && Language.nl.date(day, in: zone).contains("2026"))
        #expect(Language.fr.date(day, in: zone).contains("déc"))
    }

    @Test("the dashboard in French: texts, figures and the period in French")
    func dashboardInFrench() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            let ids = try await DashboardTests.answer(world, web)
            _ = try await world.client.call(Feedback.createCompliment, .init(response_id: ids[10]))
            try await web.signIn()
            let page = try await web.get("/dashboard?days=7", headers: Self.accept("fr-FR"))
            #expect(page.body.contains(#"<html lang="fr">"#))
            #expect(page.body.contains("Bonheur des clients") && page.body.contains("NPS par canal"))
            #expect(page.body.contains("4 réponses ces 7 derniers jours"))
            let today = Language.fr.date(Date(), in: world.settings.timeZone)  // "6 déc. 2026"
            #expect(page.body.contains(#"id="period">"#) && page.body.contains("– \(today)</span>"))
            #expect(page.body.contains(#"text-anchor="end" fill="rgb(91,100,117)">\#(today)</text>"#))
            #expect(page.body.contains("<td>late-delivery</td><td class=\"n\">1</td><td class=\"n\">100\u{00A0}%</td>"))
            #expect(page.body.contains("Lovely help &lt;script&gt;"))
        }
        await world.shutdown()
    }
}

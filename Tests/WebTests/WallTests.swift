import Bus
import Contract
import Foundation
import HTTPTypes
import Testing

@testable import WebService

/// The compliment wall, the WOW stories and the office screen's quote tree.
@Suite("Compliment wall and WOW stories", .timeLimit(.minutes(3)))
struct WallTests {
    /// 1 December 2026, 12:00 UTC.
    static let firstOfDecember: Int64 = 1_796_126_400_000

    /// A compliment to `employee` straight through feedback, as a customer named `customer` gave it.
    static func compliment(
        _ world: WebWorld, _ text: String, customer: String = "Anna de Vries", employee: String? = nil,
        consent: Bool = true, at ms: Int64 = firstOfDecember
    ) async throws {
        _ = try await world.client.call(
            Feedback.createCompliment,
            .init(
                employee_id: employee ?? world.sam, text: text, customer_display_name: customer,
                consent_to_show: consent, country: "NL", received_at_ms: ms))
    }

    @Test("quotes show the customer's first name and initial only, who is credited and the day, in the page's language")
    func quotesInLanguage() async throws {
        let world = try await WebWorld()
        try await Self.compliment(world, "Sam saved my photo book")
        try await Self.compliment(world, "Not for the wall", consent: false)
        try await world.withWeb { web in
            try await web.signIn()
            let dutch = try await web.get("/wall", headers: [.acceptLanguage: "nl-NL,nl;q=0.9"])
            #expect(dutch.status == .ok)
            let body = dutch.body
            #expect(body.contains(#"<html lang="nl">"#) && body.contains("Complimentenmuur"))
            #expect(body.contains("“Sam saved my photo book”"))
            #expect(body.contains("Anna V. · voor Sam · 1 dec 2026"), "\(body)")
            #expect(!body.contains("de Vries") && !body.contains("Vries"))
            #expect(!body.contains("Not for the wall"))
            #expect(body.contains("Nog geen verhalen.") && !body.contains("Compliments wall"))
            let english = try await web.get("/wall", headers: [.acceptLanguage: "en"]).body
            #expect(english.contains("Anna V. · for Sam · 1 Dec 2026") && english.contains("Compliments wall"))
            let dashboard = try await web.get("/dashboard").body
            #expect(dashboard.contains(#"<a href="/wall" id="wall-link">Compliments &amp; stories</a>"#))
        }
        await world.shutdown()
    }

    @Test("the wall pages back through older quotes, newest first")
    func paging() async throws {
        let world = try await WebWorld()
        for number in 1...21 {
            try await Self.compliment(world, "Quote \(number)", at: Self.firstOfDecember + Int64(number) * 60_000)
        }
        try await world.withWeb { web in
            try await web.signIn()
            let first = try await web.get("/wall").body
            #expect(first.contains("“Quote 21”") && first.contains("“Quote 2”") && !first.contains("“Quote 1”"))
            let newest = try #require(first.range(of: "“Quote 21”")), next = try #require(first.range(of: "“Quote 20”"))
            #expect(newest.lowerBound < next.lowerBound)
            let older = try #require(
                first.components(separatedBy: #"" rel="next""#).first?.components(separatedBy: #"<a href=""#).last)
            #expect(older.hasPrefix("/wall?c=") && older.hasSuffix("&amp;s=-"))
            let second = try await web.get(older.replacingOccurrences(of: "&amp;", with: "&")).body
            #expect(second.contains("“Quote 1”") && !second.contains("“Quote 2”"))
            #expect(second.contains("Nothing older.") && !second.contains(#"rel="next""#))
        }
        await world.shutdown()
    }

    @Test("a story shows who made it happen, and an employee's applause counts once")
    func storyReaction() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20))
        func employee(_ name: String) async throws -> String {
            try #require(
                try await world.client.call(
                    Staff.createEmployee,
                    .init(name: name, email: "\(name.lowercased())@example.com", role: .serviceExpert, status: .active)
                ).employee?.employee_id)
        }
        let (wim, vera, noor) = (try await employee("Wim"), try await employee("Vera"), try await employee("Noor"))
        // Only the colleague who reacts signs in: staff hashes one password.
        _ = try await world.client.call(Staff.setPassword, .init(employee_id: noor, password: WebPeople.password))
        let story = try #require(
            try await world.client.call(
                Feedback.createStory,
                .init(
                    title: "A wedding album in a day", body: "Wim printed it overnight", employee_ids: [wim],
                    shared_by_id: vera)
            ).story?.story_id)
        try await world.withWeb { web in
            let signedIn = try await web.signIn("noor@example.com", password: WebPeople.password, next: "/wall")
            try #require(signedIn.status == .seeOther, "\(signedIn.body)")
            let page = try await web.get("/wall")
            #expect(page.body.contains("A wedding album in a day") && page.body.contains("Wim printed it overnight"))
            #expect(page.body.contains("Made happen by Wim · shared by Vera"))
            #expect(page.body.contains(#"data-kind="applause">0<"#))
            let csrf = try #require(page.hidden("csrf"))
            let forged = try await web.post("/wall/stories/\(story)/react", [("csrf", "forged"), ("kind", "applause")])
            #expect(forged.status == .forbidden)
            for _ in 1...2 {
                let sent = try await web.post("/wall/stories/\(story)/react", [("csrf", csrf), ("kind", "applause")])
                #expect(sent.status == .seeOther && sent.location == "/wall#story-\(story)")
            }
            let after = try await web.get("/wall").body
            #expect(after.contains(#"data-kind="applause">1<"#) && after.contains(#"data-kind="heart">0<"#))
            let unknown = try await web.post("/wall/stories/\(story)/react", [("csrf", csrf), ("kind", "boo")])
            #expect(unknown.status == .badRequest && unknown.body.contains("kind"))
        }
        await world.shutdown()
    }

    @Test("the office screen refreshes itself every minute and shows the latest quotes, without navigation")
    func screen() async throws {
        let world = try await WebWorld()
        try await Self.compliment(world, "Quick and kind", customer: "Joost van Dam")
        try await Self.compliment(world, "Het boek is prachtig", customer: "Eva", at: Self.firstOfDecember + 1000)
        try await world.withWeb { web in
            try await web.signIn()
            let page = try await web.get("/wall/screen", headers: [.acceptLanguage: "nl"])
            #expect(page.status == .ok)
            let body = page.body
            #expect(body.contains(#"<meta http-equiv="refresh" content="60">"#))
            #expect(body.contains(#"<ul class="tree n2">"#) && body.contains("Onze klanten zeggen"))
            #expect(
                body.contains("“Quick and kind”") && body.contains("Joost D. · voor Sam") && !body.contains("van Dam"))
            #expect(body.contains("Eva · voor Sam"))
            // Two quotes share the minute between reloads: the second's turn starts after 30 s.
            #expect(body.contains(".n2 li:nth-child(2){animation-delay:30s}"))
            let newest = try #require(body.range(of: "Het boek is prachtig"))
            #expect(newest.lowerBound < body.range(of: "Quick and kind")!.lowerBound)
            #expect(!body.contains("<nav") && !body.contains("<form"))
        }
        await world.shutdown()
    }

    @Test("signed-out visitors are sent to sign in and come back to the wall", arguments: ["/wall", "/wall/screen"])
    func signedOut(path: String) async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            let page = try await web.get(path)
            #expect(page.status == .seeOther)
            #expect(page.location == "/signin?next=" + path.replacingOccurrences(of: "/", with: "%2F"))
            let react = try await web.post("/wall/stories/sty-1/react", [("kind", "applause")])
            #expect(react.status == .seeOther && react.location?.hasPrefix("/signin") == true)
        }
        await world.shutdown()
    }
}

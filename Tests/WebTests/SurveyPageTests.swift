import Bus
import Contract
import HummingbirdTesting
import TestSupport
import Foundation
import Testing

@testable import WebService

@Suite("Survey page /s/{token}", .timeLimit(.minutes(2)))
struct SurveyPageTests {
    @Test("an open invitation greets the customer with the question, 0-10 buttons and a CSRF field")
    func showsQuestion() async throws {
        let world = try await WebWorld()
        let token = try await world.invite(name: "Anna")
        try await world.withWeb { web in
            let page = try await web.get("/s/\(token)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Hello, Anna!"))
            #expect(page.body.contains("How likely are you to recommend us"))
            for score in 0...10 { #expect(page.body.contains(#"name="score" value="\#(score)""#)) }
            #expect(page.body.contains(#"<form method="post" action="/s/\#(token)""#))
            #expect(page.hidden("csrf")?.isEmpty == false)
            #expect(page.body.contains("width=device-width"))
            #expect(!page.body.contains("<script"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(web.cookies[Sessions.visitorCookie] != nil)
        }
        await world.shutdown()
    }

    @Test("a score is sent to feedback and the customer sees the thank-you page")
    func submits() async throws {
        let world = try await WebWorld()
        let token = try await world.invite()
        try await world.withWeb { web in
            let form = try await web.get("/s/\(token)")
            let sent = try await web.post(
                "/s/\(token)",
                [("csrf", form.hidden("csrf")!), ("comment", "Fast and friendly"), ("consent", "yes"), ("score", "9")])
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/s/\(token)/thanks")
            let thanks = try await web.get(sent.location!)
            #expect(thanks.status == .ok)
            #expect(thanks.body.contains("Thank you!") && thanks.body.contains("9 out of 10"))
        }
        let responses = try await world.responses()
        #expect(responses.count == 1)
        #expect(responses.first?.score == 9)
        #expect(responses.first?.comment == "Fast and friendly")
        #expect(responses.first?.consent_to_quote == true)
        await world.shutdown()
    }

    @Test("a used link gets a kind 'already answered' page, never an error trace")
    func usedToken() async throws {
        let world = try await WebWorld()
        let token = try await world.invite()
        try await world.withWeb { web in
            let form = try await web.get("/s/\(token)")
            _ = try await web.post("/s/\(token)", [("csrf", form.hidden("csrf")!), ("score", "10")])
            let again = try await web.get("/s/\(token)")
            #expect(again.status == .conflict)
            #expect(again.body.contains("You already answered"))
            // Posting the old form again (another tab) is refused kindly as well.
            let twice = try await web.post("/s/\(token)", [("csrf", form.hidden("csrf")!), ("score", "3")])
            #expect([.conflict, .seeOther].contains(twice.status))
            #expect(!twice.body.contains("ALREADY_EXISTS"))
        }
        #expect(try await world.responses().map(\.score) == [10])
        await world.shutdown()
    }

    @Test(
        "a second tab, a stale form or a replayed post of a used link shows 'already answered' with the stored answer")
    func secondTabSeesStoredAnswer() async throws {
        let world = try await WebWorld()
        let token = try await world.invite()
        try await world.withWeb { web in
            let first = try await web.get("/s/\(token)")
            let second = try await web.get("/s/\(token)")  // another tab, opened before answering
            let fields = [("csrf", first.hidden("csrf")!), ("comment", "Quick & kind"), ("score", "10")]
            #expect(try await web.post("/s/\(token)", fields).status == .seeOther)
            for replay in [fields, [("csrf", second.hidden("csrf")!), ("score", "3")]] {
                let page = try await web.post("/s/\(token)", replay)
                #expect(page.status == .conflict)
                #expect(page.body.contains("You already answered") && !page.body.contains("Thank you!"))
                #expect(page.body.contains("10 out of 10") && page.body.contains("Quick &amp; kind"))
            }
            let reopened = try await web.get("/s/\(token)")
            #expect(reopened.status == .conflict && reopened.body.contains("10 out of 10"))
        }
        #expect(try await world.responses().map(\.score) == [10])
        await world.shutdown()
    }

    @Test("the thank-you page shows the stored answer whatever the URL says; an unknown link is 404 there too")
    func thanksReadsStoredAnswer() async throws {
        let world = try await WebWorld()
        let token = try await world.invite()
        let unanswered = try await world.invite()
        try await world.withWeb { web in
            let form = try await web.get("/s/\(token)")
            _ = try await web.post("/s/\(token)", [("csrf", form.hidden("csrf")!), ("score", "2")])
            let thanks = try await web.get("/s/\(token)/thanks?score=10")
            #expect(thanks.status == .ok && thanks.body.contains("2 out of 10"))
            #expect(thanks.body.contains("Special Care") && !thanks.body.contains("makes our day"))
            let unknown = try await web.get("/s/no-such-token-at-all/thanks?score=9")
            #expect(unknown.status == .notFound && !unknown.body.contains("Thank you"))
            let early = try await web.get("/s/\(unanswered)/thanks?score=9")
            #expect(early.status == .seeOther && early.location == "/s/\(unanswered)")
        }
        await world.shutdown()
    }

    @Test("unknown, expired and not-yet-open links each get a friendly page")
    func refusals() async throws {
        let world = try await WebWorld()
        let expired = try await world.invite(validForMs: 1)
        let scheduled = try await world.invite(delayMs: 86_400_000)
        try await Task.sleep(for: .milliseconds(20))  // let the 1 ms validity pass
        try await world.withWeb { web in
            let unknown = try await web.get("/s/no-such-token-at-all")
            #expect(unknown.status == .notFound)
            #expect(unknown.body.contains("We could not find this survey"))
            let gone = try await web.get("/s/\(expired)")
            #expect(gone.status == .gone)
            #expect(gone.body.contains("This survey has closed"))
            let early = try await web.get("/s/\(scheduled)")
            #expect(early.status == .forbidden)
            #expect(early.body.contains("not open yet"))
            // Posting to an unknown token (with a valid-looking form) is refused kindly too.
            let form = try await web.get("/s/\(expired)")
            #expect(form.hidden("csrf") == nil)
        }
        #expect(try await world.responses().isEmpty)
        await world.shutdown()
    }

    @Test(
        "a bad or missing score shows the question again, keeping the (escaped) comment",
        arguments: ["11", "-1", "nine", ""])
    func badScore(score: String) async throws {
        let world = try await WebWorld()
        let token = try await world.invite()
        try await world.withWeb { web in
            let form = try await web.get("/s/\(token)")
            var fields = [("csrf", form.hidden("csrf")!), ("comment", "<script>alert(1)</script>")]
            if !score.isEmpty { fields.append(("score", score)) }
            let page = try await web.post("/s/\(token)", fields)
            #expect(page.status == .badRequest)
            #expect(page.body.contains("Please tap a number from 0 to 10."))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.body.contains("<script>"))
        }
        #expect(try await world.responses().isEmpty)
        await world.shutdown()
    }

    @Test("a post without the CSRF token, or with another visitor's, is refused")
    func csrf() async throws {
        let world = try await WebWorld()
        let token = try await world.invite()
        try await world.withWeb { web in
            let form = try await web.get("/s/\(token)")
            let missing = try await web.post("/s/\(token)", [("score", "9")])
            #expect(missing.status == .forbidden)
            web.setCookie(Sessions.visitorCookie, "someone-else-entirely-000")
            let foreign = try await web.post("/s/\(token)", [("csrf", form.hidden("csrf")!), ("score", "9")])
            #expect(foreign.status == .forbidden)
        }
        #expect(try await world.responses().isEmpty)
        await world.shutdown()
    }

    @Test("with feedback unreachable the page asks to try again later")
    func unavailable() async throws {
        // A bus endpoint where nothing listens: every call runs out of time.
        let client = BusClient(endpoint: try freeEndpoint(), defaultTimeout: .milliseconds(300))
        let settings = WebSettings(users: WebWorld.users, key: .random(), callTimeout: .milliseconds(300))
        let app = buildWebApplication(client: client, settings: settings, host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            let page = try await WebSession(client).get("/s/some-token")
            #expect(page.status == .serviceUnavailable)
            #expect(page.body.contains("Please try again in a moment"))
            #expect(!page.body.contains("DEADLINE_EXCEEDED"))
        }
        await client.close()
    }
}

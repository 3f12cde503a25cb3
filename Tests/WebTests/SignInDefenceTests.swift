import Foundation
import Synchronization
import Testing

@testable import WebService

@Suite("Sign-in defences: redirects, throttling, sign-out on the server", .timeLimit(.minutes(2)))
struct SignInDefenceTests {
    @Test(
        "next with a tab, newline or other control character never leads off the site",
        arguments: [
            "/\t/evil.example/", "/\n/evil.example", "/\r//evil.example", "/ /evil.example", "/\u{7F}/evil.example",
            "/\u{A0}/x",
        ])
    func controlCharacters(next: String) {
        #expect(SignInRoutes.safeNext(next) == "/dashboard")
    }

    @Test("/signin?next=/%09/evil.example/ signs in to the dashboard, not to another site")
    func encodedTabRedirect() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            let form = try await web.get("/signin?next=/%09/evil.example/")
            #expect(form.hidden("next") == "/dashboard")
            let signedIn = try await web.post(
                "/signin",
                [
                    ("csrf", form.hidden("csrf") ?? ""), ("next", "/\t/evil.example/"), ("name", "lisa"),
                    ("password", WebWorld.password),
                ])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/dashboard")
        }
        await world.shutdown()
    }

    @Test("after 5 wrong passwords the account is refused, even with the right one, without a session")
    func throttlesAccount() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            for _ in 0..<5 { #expect(try await web.signIn("lisa", password: "wrong").status == .unauthorized) }
            let blocked = try await web.signIn("LISA", password: WebWorld.password)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.body.contains("Too many sign-in attempts. Try again in 15 minutes."))
            #expect(Int(blocked.headers[.retryAfter] ?? "") ?? 0 > 800)
            #expect(web.cookies[Sessions.sessionCookie] == nil)
            // Another account from the same address is still asked for its password.
            #expect(try await web.signIn("mallory", password: "x").status == .unauthorized)
        }
        await world.shutdown()
    }

    @Test("after 20 failures from one address, every name from it is refused")
    func throttlesAddress() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            for index in 0..<20 {
                let refused = try await web.signIn("guess-\(index)", password: "x")
                #expect(refused.status == .unauthorized)
            }
            let blocked = try await web.signIn("lisa", password: WebWorld.password)
            #expect(blocked.status == .tooManyRequests)
        }
        await world.shutdown()
    }

    @Test("a throttled account may try again once its failures leave the window, and the right password clears them")
    func throttleWindow() {
        let clock = ManualClock()
        let throttle = SignInThrottle(perAccount: 2, perAddress: 10, window: 60, clock: { clock.now })
        throttle.failed(name: "lisa", address: "10.0.0.1")
        #expect(throttle.wait(name: "lisa", address: "10.0.0.2") == nil)
        throttle.failed(name: "lisa", address: "10.0.0.2")
        #expect(throttle.wait(name: "lisa", address: "10.0.0.3") == 60)
        clock.now += 61
        #expect(throttle.wait(name: "lisa", address: "10.0.0.3") == nil)
        throttle.failed(name: "lisa", address: "10.0.0.3")
        throttle.succeeded(name: "lisa")
        throttle.failed(name: "lisa", address: "10.0.0.3")
        #expect(throttle.wait(name: "lisa", address: "10.0.0.3") == nil)
    }

    @Test("signing out revokes the session on the server: a copied cookie stops working")
    func signOutRevokes() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            try await web.signIn()
            let copied = try #require(web.cookies[Sessions.sessionCookie])
            let other = WebSession(web.client)
            other.setCookie(Sessions.sessionCookie, copied)
            #expect(try await other.get("/dashboard").status == .ok)
            let page = try await web.get("/dashboard")
            #expect(try await web.post("/signout", [("csrf", page.hidden("csrf") ?? "")]).status == .seeOther)
            #expect(try await other.get("/dashboard").status == .seeOther)
        }
        await world.shutdown()
    }
}

/// A time that moves only when the test says so.
private final class ManualClock: Sendable {
    private let time = Mutex(Date(timeIntervalSince1970: 1_000_000))

    var now: Date {
        get { time.withLock { $0 } }
        set { time.withLock { $0 = newValue } }
    }
}

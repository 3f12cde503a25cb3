import Foundation
import Testing

@testable import WebService

@Suite("Sign-in for the dashboard", .timeLimit(.minutes(2)))
struct SignInTests {
    @Test("the dashboard and its CSV send a visitor who is not signed in to the sign-in page")
    func redirects() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            let page = try await web.get("/dashboard?days=7")
            #expect(page.status == .seeOther)
            #expect(page.location == "/signin?next=%2Fdashboard%3Fdays%3D7")
            let csv = try await web.get("/dashboard/csv/nps")
            #expect(csv.status == .seeOther)
            #expect(csv.location?.hasPrefix("/signin") == true)
        }
        await world.shutdown()
    }

    @Test("the right password opens a session and returns to the page asked for")
    func signsIn() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            let signedIn = try await web.signIn(next: "/dashboard?days=7")
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/dashboard?days=7")
            #expect(web.cookies[Sessions.sessionCookie] != nil)
            let page = try await web.get("/dashboard")
            #expect(page.status == .ok)
            #expect(page.body.contains("Customer happiness"))
            #expect(page.body.contains("lisa"))
        }
        await world.shutdown()
    }

    @Test(
        "a wrong password or an unknown name is refused without a session",
        arguments: [("lisa", "wrong"), ("mallory", WebWorld.password)])
    func wrongPassword(name: String, password: String) async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            let page = try await web.signIn(name, password: password)
            #expect(page.status == .unauthorized)
            #expect(page.body.contains("Unknown name or wrong password."))
            #expect(web.cookies[Sessions.sessionCookie] == nil)
            #expect(try await web.get("/dashboard").status == .seeOther)
        }
        await world.shutdown()
    }

    @Test("a sign-in post without its CSRF token is refused")
    func signInCSRF() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            _ = try await web.get("/signin")
            let page = try await web.post("/signin", [("name", "lisa"), ("password", WebWorld.password)])
            #expect(page.status == .forbidden)
            #expect(web.cookies[Sessions.sessionCookie] == nil)
        }
        await world.shutdown()
    }

    @Test("a tampered session cookie counts as signed out")
    func tampered() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            try await web.signIn()
            let cookie = web.cookies[Sessions.sessionCookie]!
            let payload = Data("admin|9999999999|x".utf8).base64URL
            web.setCookie(Sessions.sessionCookie, payload + "." + cookie.split(separator: ".")[1])
            #expect(try await web.get("/dashboard").status == .seeOther)
        }
        await world.shutdown()
    }

    @Test("signing out needs the session's CSRF token, then ends the session")
    func signsOut() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            try await web.signIn()
            let page = try await web.get("/dashboard")
            let refused = try await web.post("/signout", [])
            #expect(refused.status == .forbidden)
            #expect(web.cookies[Sessions.sessionCookie] != nil)
            let out = try await web.post("/signout", [("csrf", page.hidden("csrf") ?? "")])
            #expect(out.status == .seeOther)
            #expect(web.cookies[Sessions.sessionCookie] == nil)
            #expect(try await web.get("/dashboard").status == .seeOther)
        }
        await world.shutdown()
    }

    @Test("next never leads off the site", arguments: ["//evil.example/x", "https://evil.example", "/\\evil.example"])
    func noOpenRedirect(next: String) {
        #expect(SignInRoutes.safeNext(next) == "/dashboard")
    }
}

import Bus
import Contract
import Foundation
import Synchronization
import Testing

@testable import WebService

/// bcrypt at staff's real cost is slow on a busy machine: calls may take 20 s here.
@Suite("Employees are invited by link", .timeLimit(.minutes(2)))
struct InvitationPageTests {
    static let password = "a long enough password"

    /// HR with a password, and an agent without one.
    private static func people(_ world: WebWorld) async throws -> (hr: String, agent: String) {
        let hr = try await world.client.call(
            Staff.createEmployee, .init(name: "Hanna", email: "hanna@example.com", role: .hr, status: .active)
        ).employee!.employee_id!
        // bcrypt hashes one at a time in staff: other tests' may be queued first.
        _ = try await world.client.call(
            Staff.setPassword, .init(employee_id: hr, password: password), options: .init(timeout: .seconds(60)))
        let agent = try await world.client.call(
            Staff.createEmployee, .init(name: "Wim", email: "wim@example.com", role: .serviceExpert, status: .active)
        ).employee!.employee_id!
        return (hr, agent)
    }

    /// The token of the link on an invitation page.
    private static func token(in page: WebSession.Page) -> String? {
        guard let range = page.body.range(of: #"/invite/[A-Za-z0-9_-]+"#, options: .regularExpression) else {
            return nil
        }
        return String(page.body[range].dropFirst("/invite/".count))
    }

    @Test("HR makes a link; the employee opens it, chooses a password, is signed in; the link then no longer works")
    func inviteAndAccept() async throws {
        let world = try await WebWorld(callTimeout: .seconds(40))
        let people = try await Self.people(world)
        let token = try await world.withWeb { web in
            try await web.signIn("hanna@example.com", password: Self.password)
            #expect(try await web.get("/dashboard").body.contains(#"href="/invitations""#))
            let form = try await web.get("/invitations?employee=\(people.agent)")
            #expect(form.status == .ok && form.body.contains("Wim · wim@example.com"))
            let made = try await web.post(
                "/invitations", [("csrf", form.hidden("csrf") ?? ""), ("employee", people.agent)])
            #expect(made.status == .ok)
            #expect(made.body.contains("does not send e-mail yet"), "the page says the link is passed on by hand")
            return try #require(Self.token(in: made))
        }
        try await world.withWeb { web in
            let open = try await web.get("/invite/\(token)")
            #expect(open.status == .ok && open.body.contains("Welcome, Wim!") && open.body.contains("wim@example.com"))
            let csrf = open.hidden("csrf") ?? ""
            let mismatch = try await web.post(
                "/invite/\(token)", [("csrf", csrf), ("password", Self.password), ("again", "something else entirely")])
            #expect(mismatch.status == .badRequest && mismatch.body.contains("not the same"))
            let short = try await web.post(
                "/invite/\(token)", [("csrf", csrf), ("password", "short"), ("again", "short")])
            #expect(short.status == .badRequest && short.body.contains("password: must have at least 12"))
            let accepted = try await web.post(
                "/invite/\(token)", [("csrf", csrf), ("password", Self.password), ("again", Self.password)])
            #expect(accepted.status == .seeOther && accepted.location == "/dashboard")
            #expect(try await web.get("/dashboard").body.contains(">Wim</span>"))
            let again = try await web.get("/invite/\(token)")
            #expect(again.status == .gone && again.body.contains("already used"))
        }
        try await world.withWeb { web in
            let signedIn = try await web.signIn("wim@example.com", password: Self.password)
            #expect(signedIn.status == .seeOther && web.cookies[Sessions.sessionCookie] != nil)
        }
        await world.shutdown()
    }

    @Test("an expired link and an unknown one each get a page saying so, and set no password")
    func expiredAndUnknown() async throws {
        let offset = Mutex<TimeInterval>(0)
        let world = try await WebWorld(
            callTimeout: .seconds(40), staffClock: { Date().addingTimeInterval(offset.withLock { $0 }) })
        let people = try await Self.people(world)
        let token = try await world.client.call(Staff.inviteEmployee, .init(employee_id: people.agent)).token!
        try await world.withWeb { web in
            let open = try await web.get("/invite/\(token)")
            #expect(open.status == .ok)
            offset.withLock { $0 = 72 * 3600 }
            let late = try await web.post(
                "/invite/\(token)",
                [("csrf", open.hidden("csrf") ?? ""), ("password", Self.password), ("again", Self.password)])
            #expect(late.status == .gone && late.body.contains("This invitation has expired"))
            #expect(web.cookies[Sessions.sessionCookie] == nil)
            let unknown = try await web.get("/invite/no-such-token-at-all")
            #expect(unknown.status == .notFound && unknown.body.contains("could not find this invitation"))
        }
        let account = try await world.client.call(Staff.getAccount, .init(employee_id: people.agent)).account
        #expect(account?.has_password == false)
        await world.shutdown()
    }

    @Test("an agent is refused by staff's rule when making a link; an operator gets no form")
    func onlyHR() async throws {
        let world = try await WebWorld(callTimeout: .seconds(40))
        let people = try await Self.people(world)
        _ = try await world.client.call(
            Staff.setPassword, .init(employee_id: people.agent, password: Self.password),
            options: .init(timeout: .seconds(60)))
        try await world.withWeb { web in
            try await web.signIn("wim@example.com", password: Self.password)
            let form = try await web.get("/invitations")
            let refused = try await web.post(
                "/invitations", [("csrf", form.hidden("csrf") ?? ""), ("employee", people.hr)])
            #expect(
                refused.status == .forbidden && refused.body.contains("employees are invited by HR or the director"))
            #expect(Self.token(in: refused) == nil)
            let dashboard = try await web.get("/dashboard")
            #expect(!dashboard.body.contains(#"href="/invitations""#), "an agent gets no link to invite")
        }
        try await world.withWeb { web in
            try await web.signIn()
            let page = try await web.get("/invitations")
            #expect(page.status == .forbidden && page.body.contains("signed in with their own account"))
            #expect(page.hidden("csrf") == nil)
        }
        await world.shutdown()
    }
}

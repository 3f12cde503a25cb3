import Bus
import Contract
import Foundation
import Testing

@testable import WebService

@Suite("The director's API tokens page", .timeLimit(.minutes(2)))
struct ApiTokenPageTests {
    static let password = "a long enough password"

    /// An employee with `role` who can sign in with `email`.
    private static func person(_ world: WebWorld, _ name: String, role: Staff.EmployeeRole) async throws -> String {
        let id = try await world.client.call(
            Staff.createEmployee,
            .init(name: name, email: "\(name.lowercased())@example.com", role: role, status: .active)
        ).employee!.employee_id!
        _ = try await world.client.call(
            Staff.setPassword, .init(employee_id: id, password: password), options: .init(timeout: .seconds(60)))
        return id
    }

    /// The secret shown on `page`, if any.
    private static func secret(in page: WebSession.Page) -> String? {
        page.body.range(of: #"glim_[A-Za-z0-9_-]{43}"#, options: .regularExpression).map { String(page.body[$0]) }
    }

    @Test("the director makes a token and sees its secret once, then revokes it after confirming")
    func makeAndRevoke() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20))
        _ = try await Self.person(world, "Iris", role: .directorOfHappyCustomers)
        let secret = try await world.withWeb { web in
            try await web.signIn("iris@example.com", password: Self.password)
            #expect(try await web.get("/dashboard").body.contains(#"href="/settings/api-tokens""#))
            let empty = try await web.get("/settings/api-tokens")
            #expect(empty.status == .ok && empty.body.contains("No tokens yet"))
            #expect(
                empty.body.contains(#"name="scope:tickets:read""#)
                    && empty.body.contains(#"name="scope:analytics:write""#))

            let unknown = try await web.post(
                "/settings/api-tokens",
                [("csrf", empty.hidden("csrf") ?? ""), ("once", "o-1"), ("name", "BI"), ("methods", "orders.GetOrder")])
            #expect(unknown.status == .badRequest && unknown.body.contains("scopes: "))
            #expect(Self.secret(in: unknown) == nil && unknown.body.contains(#"value="orders.GetOrder""#))

            let fields = [
                ("csrf", empty.hidden("csrf") ?? ""), ("once", "o-2"), ("name", "Order system"),
                ("scope:tickets:read", "1"), ("scope:analytics:read", "1"), ("methods", "tickets.CreateTicket"),
                ("per_minute", "120"),
            ]
            let made = try await web.post("/settings/api-tokens", fields)
            #expect(made.status == .ok && made.body.contains("it will not be shown again"))
            let secret = try #require(Self.secret(in: made))
            #expect(made.headers[.cacheControl] == "no-store")

            let again = try await web.post("/settings/api-tokens", fields)
            #expect(again.status == .ok && Self.secret(in: again) == nil)
            #expect(again.body.contains("its secret was shown the first time only"))

            let list = try await web.get("/settings/api-tokens")
            #expect(Self.secret(in: list) == nil, "the list never shows a secret")
            #expect(list.body.contains("Order system") && list.body.contains(String(secret.prefix(11)) + "…"))
            #expect(list.body.contains("analytics:read tickets.CreateTicket tickets:read"))
            return secret
        }

        let token = try #require(
            try await world.client.call(Staff.authenticateApiToken, .init(secret: secret)).token)
        #expect(token.name == "Order system" && token.requests_per_minute == 120)
        #expect(try await world.client.call(Staff.listApiTokens, .init()).tokens.count == 1)

        try await world.withWeb { web in
            try await web.signIn("iris@example.com", password: Self.password)
            let confirm = try await web.get("/settings/api-tokens/\(token.token_id!)/revoke")
            #expect(confirm.status == .ok && confirm.body.contains("Order system (\(token.prefix!)…) stops working"))
            let revoked = try await web.post(
                "/settings/api-tokens/\(token.token_id!)/revoke",
                [("csrf", confirm.hidden("csrf") ?? ""), ("once", confirm.hidden("once") ?? "")])
            #expect(revoked.status == .seeOther && revoked.location == "/settings/api-tokens")
            let list = try await web.get("/settings/api-tokens")
            #expect(
                list.body.contains("Order system is revoked.") && list.body.contains(#"<span class="muted">revoked "#))
        }
        await #expect(throws: RPCError.self) {
            _ = try await world.client.call(Staff.authenticateApiToken, .init(secret: secret))
        }
        await world.shutdown()
    }

    @Test("an agent gets 403 and no link, and cannot make a token by posting the form")
    func agentRefused() async throws {
        let world = try await WebWorld(callTimeout: .seconds(20))
        _ = try await Self.person(world, "Daan", role: .serviceExpert)
        try await world.withWeb { web in
            try await web.signIn("daan@example.com", password: Self.password)
            #expect(!(try await web.get("/dashboard").body.contains("/settings/api-tokens")))
            let page = try await web.get("/settings/api-tokens")
            #expect(page.status == .forbidden && page.body.contains("managed by the director of happy customers"))
            #expect(page.hidden("csrf") == nil)
            let posted = try await web.post(
                "/settings/api-tokens", [("name", "Mine"), ("scope:tickets:write", "1")])
            #expect(posted.status == .forbidden && Self.secret(in: posted) == nil)
        }
        #expect(try await world.client.call(Staff.listApiTokens, .init(include_revoked: true)).tokens.isEmpty)
        await world.shutdown()
    }
}

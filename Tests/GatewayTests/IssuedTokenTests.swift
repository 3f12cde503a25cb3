import ApiAccess
import Bus
import Contract
import Foundation
import Hummingbird
import Synchronization
import Testing

@testable import GatewayService

/// Tokens a director issued in staff, used on the HTTP API: scopes, the rate
/// limit, revocation, the methods no token reaches, and the operator's token beside them.
@Suite("Gateway: issued API tokens")
struct IssuedTokenTests {
    /// A token staff issues now (as an operator call, as the director's page would), and its secret.
    static func issue(_ world: GatewayWorld, scopes: [String], perMinute: UInt32 = 600) async throws
        -> (token: Staff.ApiToken, secret: String)
    {
        let reply = try await world.transport.call(
            Staff.createApiToken, .init(name: "Order system", scopes: scopes, requests_per_minute: perMinute))
        return (try #require(reply.token), try #require(reply.secret))
    }

    @Test(
        "a token reads what its scopes cover, is refused the rest naming the scope, and the operator's token still works"
    )
    func scopes() async throws {
        let world = try await GatewayWorld()
        let (_, secret) = try await Self.issue(world, scopes: ["tickets:read", "staff:write"])
        let authenticator = IssuedTokenAuthenticator(operatorToken: GatewayWorld.token, client: world.transport)
        try await world.withGateway(authenticator: authenticator) { client in
            let list = try await client.get("/v1/tickets/ListTickets", token: secret)
            #expect(list.status == .ok)
            let create = try await client.post("/v1/tickets/CreateTicket", "{}", token: secret)
            #expect(create.status == .forbidden)
            #expect(
                (create.json["message"] as? String)?.hasPrefix("scope: tickets:write or tickets.CreateTicket") == true)
            // staff:write covers staff's public methods, never a person's private records or privacy requests.
            #expect(try await client.get("/v1/staff/ListTeams", token: secret).status == .ok)
            let plan = try await client.get("/v1/staff/GetPlan?employee_id=emp-1", token: secret)
            #expect(plan.status == .forbidden)
            let minted = try await client.post("/v1/staff/CreateApiToken", #"{"name": "x"}"#, token: secret)
            #expect(minted.status == .forbidden)
            let unknown = try await client.get("/v1/tickets/ListTickets", token: "glim_not-a-token")
            #expect(unknown.status == .unauthorized && unknown.headers[.wwwAuthenticate] == "Bearer")
            #expect(try await client.get("/v1/tickets/ListTickets").status == .ok)
        }
    }

    @Test("over its rate a token gets 429 with Retry-After; a revoked token stops working once its grant is stale")
    func rateAndRevocation() async throws {
        let world = try await GatewayWorld()
        let (token, secret) = try await Self.issue(world, scopes: ["tickets:read"], perMinute: 2)
        let now = Mutex<Int64>(0)
        let authenticator = IssuedTokenAuthenticator(
            operatorToken: GatewayWorld.token, client: world.transport,
            grants: GrantCache(lifetime: .seconds(30), clock: { now.withLock { $0 } }),
            limiter: ApiRateLimiter(clock: { now.withLock { $0 } }))
        try await world.withGateway(authenticator: authenticator) { client in
            #expect(try await client.get("/v1/tickets/ListTickets", token: secret).status == .ok)
            #expect(try await client.get("/v1/tickets/ListTickets", token: secret).status == .ok)
            let limited = try await client.get("/v1/tickets/ListTickets", token: secret)
            #expect(limited.status == .tooManyRequests && limited.headers[.retryAfter] == "30")
            #expect((limited.json["message"] as? String)?.contains("Order system") == true)
            now.withLock { $0 += 30_000 }
            #expect(try await client.get("/v1/tickets/ListTickets", token: secret).status == .ok)

            _ = try await world.transport.call(Staff.revokeApiToken, .init(token_id: token.token_id))
            now.withLock { $0 += 30_000 }
            let revoked = try await client.get("/v1/tickets/ListTickets", token: secret)
            #expect(revoked.status == .unauthorized)
        }
    }
}

import Bus
import Contract
import Testing

@testable import ApiAccess

@Suite("an API token may call what its scopes cover")
struct ApiGrantTests {
    func grant(_ scopes: String...) -> ApiGrant {
        ApiGrant(
            tokenID: "tok-1", name: "Order system", scopes: scopes.compactMap(ApiScope.init), requestsPerMinute: 60)
    }

    @Test("read covers the methods marked @idempotent, not the others")
    func read() throws {
        let reader = grant("tickets:read")
        try reader.check(ApiCall(Tickets.getTicket))
        #expect(!reader.allows(ApiCall(Tickets.createTicket)))
        #expect(!reader.allows(ApiCall(Analytics.getNps)))
    }

    @Test("write covers every method of its service; a method scope covers that method alone")
    func writeAndMethod() throws {
        try grant("tickets:write").check(ApiCall(Tickets.createTicket))
        try grant("tickets:write").check(ApiCall(Tickets.getTicket))
        let creator = grant("tickets.CreateTicket")
        try creator.check(ApiCall(Tickets.createTicket))
        #expect(!creator.allows(ApiCall(Tickets.getTicket)))
    }

    @Test("a refusal is PERMISSION_DENIED naming the scope the call needs")
    func refusal() {
        #expect {
            try grant("tickets:read").check(ApiCall(Tickets.createTicket))
        } throws: { error in
            guard let error = error as? RPCError else { return false }
            return error.code == .permissionDenied
                && error.message.hasPrefix(
                    "scope: tickets:write or tickets.CreateTicket is needed for tickets.CreateTicket")
        }
        #expect {
            try grant("tickets:write").check(ApiCall(Analytics.getNps))
        } throws: { error in
            (error as? RPCError)?.message.hasPrefix("scope: analytics:read or analytics.GetNps is needed") == true
        }
    }

    @Test("no scope reaches the token methods: staff:write cannot make or revoke tokens")
    func reserved() {
        let staffWriter = grant("staff:write")
        #expect(staffWriter.allows(ApiCall(Staff.getEmployee)))
        for method in [
            ApiCall(Staff.createApiToken), ApiCall(Staff.revokeApiToken), ApiCall(Staff.authenticateApiToken),
        ] {
            #expect(!staffWriter.allows(method))
        }
    }

    @Test("a grant is read from the token staff authenticated")
    func fromToken() throws {
        let token = Staff.ApiToken(
            token_id: "tok-9", name: "BI", scopes: ["analytics:read", "not a scope"], requests_per_minute: 120)
        let grant = try ApiGrant(token)
        #expect(
            grant
                == ApiGrant(tokenID: "tok-9", name: "BI", scopes: [.read(service: "analytics")], requestsPerMinute: 120)
        )
        #expect(throws: RPCError.self) { _ = try ApiGrant(nil) }
    }
}

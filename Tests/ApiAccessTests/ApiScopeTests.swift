import Bus
import Contract
import Testing

@testable import ApiAccess

@Suite("API token scopes are checked against the contract")
struct ApiScopeTests {
    @Test("the three forms read as scopes and are written back the same")
    func forms() {
        #expect(ApiScope("tickets:read") == .read(service: "tickets"))
        #expect(ApiScope("analytics:write") == .write(service: "analytics"))
        #expect(ApiScope("tickets.CreateTicket") == .method(service: "tickets", name: "CreateTicket"))
        for text in ["tickets:read", "analytics:write", "tickets.CreateTicket"] {
            #expect(ApiScope(text)?.description == text)
        }
        for text in ["tickets", "tickets:admin", ":read", "tickets.", ".GetTicket", "tick ets:read", "a.b.c", ""] {
            #expect(ApiScope(text) == nil, "\(text)")
        }
    }

    @Test("real services and methods are accepted, each once and sorted")
    func valid() throws {
        let scopes = try ApiScope.validated(["tickets:read", "analytics:read", "tickets.CreateTicket", "tickets:read"])
        #expect(scopes.map(\.description) == ["analytics:read", "tickets.CreateTicket", "tickets:read"])
        #expect(ApiScope.services.contains("tickets") && !ApiScope.services.contains("bus"))
    }

    @Test(
        "an unknown service or method, a malformed scope, the broker and token methods are refused naming scopes",
        arguments: ["orders:read", "tickets.NoSuchMethod", "tickets:admin", "bus:read", "staff.CreateApiToken"])
    func refused(scope: String) {
        #expect {
            _ = try ApiScope.validated(["tickets:read", scope])
        } throws: { error in
            guard let error = error as? RPCError else { return false }
            return error.code == .invalidArgument && error.message.hasPrefix("scopes: ")
        }
    }

    @Test("a token needs at least one scope")
    func none() {
        #expect(throws: RPCError.invalidArgument(field: "scopes", "at least one is needed (e.g. tickets:read)")) {
            _ = try ApiScope.validated([])
        }
    }
}

import Bus
import Contract
import Foundation
import Testing

@testable import StaffService

@Suite("API tokens for other systems")
struct ApiTokenTests {
    static let scopes = ["tickets:read", "analytics:read", "tickets.CreateTicket"]

    @Test("the director makes a token; the secret is in the first reply only, and a retry makes nothing twice")
    func secretOnce() async throws {
        try await withStaff { staff in
            let director = try await staff.employee("Iris", role: .directorOfHappyCustomers).employee_id!
            let request = Staff.CreateApiTokenRequest(name: "Order system", scopes: Self.scopes)
            let first = try await staff.call(Staff.createApiToken, request, as: director, key: "k-1")
            let secret = try #require(first.secret)
            let token = try #require(first.token)
            #expect(secret.hasPrefix("glim_") && secret.count == 48)
            #expect(token.prefix == String(secret.prefix(11)) && token.created_by == director)
            #expect(token.scopes == ["analytics:read", "tickets.CreateTicket", "tickets:read"])
            #expect(token.requests_per_minute == 600 && token.created_at_ms == 1_795_435_200_000)

            let retry = try await staff.call(Staff.createApiToken, request, as: director, key: "k-1")
            #expect(retry.token == token && retry.secret == nil)

            let listed = try await staff.call(Staff.listApiTokens, .init(), as: director)
            #expect(listed.tokens == [token])
            #expect(Data(try listed.wireBytes()).range(of: Data(secret.utf8)) == nil)

            let events = try await staff.events().filter { $0.type.hasPrefix("api_token.") }
            #expect(events.map(\.type) == ["api_token.created"] && events.first?.subject_id == token.token_id)
            for event in events {
                #expect(Data(event.payload).range(of: Data(secret.utf8)) == nil)
                #expect(Data(event.payload).range(of: Data(ApiTokenRules.hash(secret).utf8)) == nil)
            }
        }
    }

    @Test("staff keeps only the SHA-256 of the secret: the secret is in no stored row")
    func onlyHash() async throws {
        try await withStaff { staff in
            let secret = try await staff.call(
                Staff.createApiToken, .init(name: "BI", scopes: ["analytics:read"]), key: "k-2"
            ).secret!
            let bytes = try await staff.storedBytes()
            #expect(bytes.range(of: Data(secret.utf8)) == nil)
            #expect(bytes.range(of: Data(secret.dropFirst(11).utf8)) == nil)
            #expect(bytes.range(of: Data(ApiTokenRules.hash(secret).utf8)) != nil)
        }
    }

    @Test("the secret authenticates its token with its scopes and limit; its last use is noted once a minute")
    func authenticate() async throws {
        try await withStaff { staff in
            let made = try await staff.call(
                Staff.createApiToken, .init(name: "Order system", scopes: Self.scopes, requests_per_minute: 120))
            let secret = try #require(made.secret)
            let found = try await staff.call(Staff.authenticateApiToken, .init(secret: secret)).token
            #expect(found?.token_id == made.token?.token_id && found?.name == "Order system")
            #expect(found?.scopes == made.token?.scopes && found?.requests_per_minute == 120)
            let start = StaffHarness.start.timeIntervalSince1970 * 1000
            #expect(found?.last_used_at_ms == Int64(start))

            staff.clock.set(StaffHarness.start.addingTimeInterval(59))
            _ = try await staff.call(Staff.authenticateApiToken, .init(secret: secret))
            #expect(try await lastUsed(staff) == Int64(start))
            staff.clock.set(StaffHarness.start.addingTimeInterval(60))
            _ = try await staff.call(Staff.authenticateApiToken, .init(secret: secret))
            #expect(try await lastUsed(staff) == Int64(start) + 60_000)
        }
    }

    @Test("a revoked token and an unknown secret are UNAUTHENTICATED")
    func revoked() async throws {
        try await withStaff { staff in
            let director = try await staff.employee("Iris", role: .directorOfHappyCustomers).employee_id!
            let made = try await staff.call(Staff.createApiToken, .init(name: "CRM", scopes: ["tickets:read"]))
            let (secret, id) = (made.secret!, made.token!.token_id!)
            staff.clock.set(StaffHarness.start.addingTimeInterval(5))
            let revoked = try await staff.call(Staff.revokeApiToken, .init(token_id: id), as: director).token
            #expect(revoked?.revoked_at_ms == 1_795_435_205_000 && revoked?.revoked_by == director)
            await expectRPCError(.unauthenticated, "secret:", "revoked") {
                _ = try await staff.call(Staff.authenticateApiToken, .init(secret: secret))
            }
            let unknown = "glim_" + String(repeating: "A", count: 43)
            await expectRPCError(.unauthenticated, "secret:") {
                _ = try await staff.call(Staff.authenticateApiToken, .init(secret: unknown))
            }
            await expectRPCError(.unauthenticated, "secret:") {
                _ = try await staff.call(Staff.authenticateApiToken, .init(secret: "Bearer nonsense"))
            }
            await expectRPCError(.invalidArgument, "secret: must be set") {
                _ = try await staff.call(Staff.authenticateApiToken, .init())
            }
            // Revoking again changes nothing; the list hides revoked tokens unless asked.
            staff.clock.set(StaffHarness.start.addingTimeInterval(50))
            #expect(try await staff.call(Staff.revokeApiToken, .init(token_id: id)).token == revoked)
            #expect(try await staff.call(Staff.listApiTokens, .init()).tokens.isEmpty)
            #expect(try await staff.call(Staff.listApiTokens, .init(include_revoked: true)).tokens == [revoked!])
            #expect(try await staff.events().filter { $0.type == "api_token.revoked" }.count == 1)
            await expectRPCError(.notFound, "token_id:") {
                _ = try await staff.call(Staff.revokeApiToken, .init(token_id: "tok-0000000000000000"))
            }
        }
    }

    @Test(
        "unknown scopes, a missing name and a limit too high are refused naming the field",
        arguments: [
            (Staff.CreateApiTokenRequest(name: "BI", scopes: ["orders:read"]), "scopes:"),
            (Staff.CreateApiTokenRequest(name: "BI", scopes: ["tickets.NoSuchMethod"]), "scopes:"),
            (Staff.CreateApiTokenRequest(name: "BI", scopes: ["tickets:everything"]), "scopes:"),
            (Staff.CreateApiTokenRequest(name: "BI", scopes: []), "scopes:"),
            (Staff.CreateApiTokenRequest(name: "BI", scopes: ["staff.CreateApiToken"]), "scopes:"),
            (Staff.CreateApiTokenRequest(name: " ", scopes: ["tickets:read"]), "name:"),
            (
                Staff.CreateApiTokenRequest(name: "BI", scopes: ["tickets:read"], requests_per_minute: 100_001),
                "requests_per_minute:"
            ),
        ])
    func refused(request: Staff.CreateApiTokenRequest, field: String) async throws {
        try await withStaff { staff in
            await expectRPCError(.invalidArgument, field) {
                _ = try await staff.call(Staff.createApiToken, request)
            }
            let tokens = try await staff.call(Staff.listApiTokens, .init(include_revoked: true)).tokens
            #expect(tokens.isEmpty)
        }
    }

    @Test("only the director makes, lists and revokes tokens; nobody checks one in a person's name")
    func rights() async throws {
        try await withStaff { staff in
            let director = try await staff.employee("Iris", role: .directorOfHappyCustomers).employee_id!
            let made = try await staff.call(
                Staff.createApiToken, .init(name: "CRM", scopes: ["tickets:read"]), as: director)
            for role in [Staff.EmployeeRole.hr, .teamLead, .serviceExpert] {
                let other = try await staff.employee("Someone", role: role).employee_id!
                await expectRPCError(.permissionDenied, Rights.apiTokenManagers) {
                    _ = try await staff.call(
                        Staff.createApiToken, .init(name: "Mine", scopes: ["tickets:write"]), as: other)
                }
                await expectRPCError(.permissionDenied, Rights.apiTokenManagers) {
                    _ = try await staff.call(Staff.listApiTokens, .init(), as: other)
                }
                await expectRPCError(.permissionDenied, Rights.apiTokenManagers) {
                    _ = try await staff.call(Staff.revokeApiToken, .init(token_id: made.token?.token_id), as: other)
                }
            }
            await expectRPCError(.permissionDenied, Rights.apiTokenChecks) {
                _ = try await staff.call(Staff.authenticateApiToken, .init(secret: made.secret), as: director)
            }
            #expect(try await staff.call(Staff.listApiTokens, .init(), as: director).tokens.count == 1)
        }
    }

    private func lastUsed(_ staff: StaffHarness) async throws -> Int64? {
        try await staff.call(Staff.listApiTokens, .init()).tokens.first?.last_used_at_ms
    }
}

extension StaffHarness {
    /// Calls `method` on behalf of `actor` with an idempotency key, as a web form does.
    func call<Request, Reply>(
        _ method: Method<Request, Reply>, _ request: Request, as actor: String, key: String
    ) async throws -> Reply {
        try await client.call(method, request, options: .init(idempotencyKey: key, actor: actor))
    }
}

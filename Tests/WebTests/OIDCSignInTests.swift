import Bus
import Contract
import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import WebService

@Suite("Sign-in through the company's OpenID Connect provider: the parts without a provider")
struct OIDCClientTests {
    @Test("the PKCE challenge is S256 of the verifier, as in RFC 7636's example")
    func pkceExample() {
        #expect(
            PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
                == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        let verifier = PKCE.verifier()
        #expect(verifier.count == 43 && verifier != PKCE.verifier())
    }

    @Test("a sign-in attempt's cookie is refused when tampered with or expired")
    func attemptCookie() throws {
        let key = SessionKey(bytes: Array("a test key of thirty-two bytes or more".utf8))
        let attempt = OIDCSignInState.new(next: "/inbox?tab=a|b")
        let cookie = attempt.cookie(key: key, secure: false)
        func read(_ value: String, now: Date = Date()) -> OIDCSignInState? {
            let request = Request(
                head: .init(
                    method: .get, scheme: "http", authority: "localhost", path: "/signin/oidc/callback",
                    headerFields: [.cookie: "\(OIDCSignInState.cookieName)=\(value)"]),
                body: .init(buffer: .init()))
            return OIDCSignInState.read(request, key: key, now: now)
        }
        #expect(read(cookie.value) == attempt)
        #expect(read("x" + cookie.value) == nil)
        #expect(read(cookie.value, now: Date().addingTimeInterval(OIDCSignInState.lifetime + 1)) == nil)
        let other = SessionKey(bytes: Array("another key of thirty-two bytes or more".utf8))
        #expect(OIDCSignInState.new(next: "/").cookie(key: other, secure: false).value != cookie.value)
    }
}

/// Against a real provider on loopback (`OIDCProvider`); staff at its real bcrypt cost.
@Suite("Sign-in through the company's OpenID Connect provider", .timeLimit(.minutes(2)))
struct OIDCSignInTests {
    /// Staff with Wim (agent) and Hanna (HR, deactivated); a provider that knows Wim,
    /// Hanna and a stranger, all with verified e-mail, and Noor without.
    private static func world() async throws -> (WebWorld, OIDCProvider) {
        let provider = try await OIDCProvider()
        let world = try await WebWorld(callTimeout: .seconds(40))
        for (name, role) in [("Wim", Staff.EmployeeRole.serviceExpert), ("Hanna", .hr), ("Noor", .serviceExpert)] {
            _ = try await world.client.call(
                Staff.createEmployee,
                .init(name: name, email: "\(name.lowercased())@example.com", role: role, status: .active))
        }
        let hanna = try await world.client.call(Staff.listEmployees, .init(text: "hanna@example.com")).employees
        _ = try await world.client.call(
            Staff.setAccountActive, .init(employee_id: hanna.first?.employee_id, active: false))
        for subject in ["wim", "hanna", "stranger"] {
            try await provider.setUser(
                subject, claims: ["email": "\(subject.capitalized)@Example.com", "email_verified": true])
        }
        try await provider.setUser("noor", claims: ["email": "noor@example.com", "email_verified": false])
        return (world, provider)
    }

    private static func configure(_ settings: inout WebSettings, _ provider: OIDCProvider) {
        settings.oidc = OIDCSettings(
            issuer: provider.issuer, clientID: "glimlach-web", clientSecret: "a client secret", name: "Company ID",
            redirectURI: nil)
    }

    /// Signs in as `subject` at the provider: start, consent, back to the callback.
    private static func signIn(
        _ web: WebSession, _ provider: OIDCProvider, as subject: String,
        changing: (inout URLComponents) -> Void = { _ in }
    ) async throws -> WebSession.Page {
        let start = try await web.get("/signin/oidc?next=%2Finbox")
        #expect(start.status == .seeOther, "\(start.body)")
        var authorize = try #require(URLComponents(string: start.location ?? ""))
        changing(&authorize)
        let back = try #require(try await provider.consent(authorize.string ?? "", as: subject))
        let callback = try #require(URLComponents(string: back))
        #expect(callback.path == "/signin/oidc/callback")
        return try await web.get(callback.path + "?" + (callback.percentEncodedQuery ?? ""))
    }

    @Test("an employee signs in with the provider (PKCE S256, state, nonce, signed ID token) and lands as themselves")
    func signsIn() async throws {
        let (world, provider) = try await Self.world()
        try await world.withWeb(adjust: { Self.configure(&$0, provider) }) { web in
            let page = try await web.get("/signin")
            #expect(page.body.contains("Sign in with Company ID"))
            let start = try await web.get("/signin/oidc")
            let query = URLComponents(string: start.location ?? "")?.queryItems ?? []
            func item(_ name: String) -> String? { query.first { $0.name == name }?.value }
            #expect(start.location?.hasPrefix(provider.issuer + "/oauth2/authorize") == true)
            #expect(item("code_challenge_method") == "S256" && item("code_challenge")?.count == 43)
            #expect(item("state") != nil && item("nonce") != nil && item("client_id") == "glimlach-web")
            let done = try await Self.signIn(web, provider, as: "wim")
            #expect(done.status == .seeOther && done.location == "/inbox", "\(done.body)")
            #expect(try await web.get("/dashboard").body.contains(">Wim</span>"))
        }
        await world.shutdown()
        await provider.stop()
    }

    @Test("no employee with the e-mail, a deactivated account or an unverified e-mail: refused with a page saying why")
    func refusals() async throws {
        let (world, provider) = try await Self.world()
        try await world.withWeb(adjust: { Self.configure(&$0, provider) }) { web in
            let stranger = try await Self.signIn(web, provider, as: "stranger")
            #expect(stranger.status == .forbidden && stranger.body.contains("No employee in Glimlach has the e-mail"))
            let hanna = try await Self.signIn(web, provider, as: "hanna")
            #expect(hanna.status == .forbidden && hanna.body.contains("is deactivated"))
            let noor = try await Self.signIn(web, provider, as: "noor")
            #expect(noor.status == .unauthorized && noor.body.contains("has not verified this e-mail"))
            #expect(web.cookies[Sessions.sessionCookie] == nil)
        }
        await world.shutdown()
        await provider.stop()
    }

    @Test("an answer for another sign-in (state) or an ID token with another nonce is refused")
    func stateAndNonce() async throws {
        let (world, provider) = try await Self.world()
        try await world.withWeb(adjust: { Self.configure(&$0, provider) }) { web in
            let otherNonce = try await Self.signIn(web, provider, as: "wim") { url in
                url.queryItems = url.queryItems?.map { $0.name == "nonce" ? .init(name: "nonce", value: "forged") : $0 }
            }
            #expect(otherNonce.status == .unauthorized && otherNonce.body.contains("nonce does not match"))
            let otherState = try await Self.signIn(web, provider, as: "wim") { url in
                url.queryItems = url.queryItems?.map { $0.name == "state" ? .init(name: "state", value: "forged") : $0 }
            }
            #expect(otherState.status == .badRequest && otherState.body.contains("does not belong to this sign-in"))
            #expect(web.cookies[Sessions.sessionCookie] == nil)
        }
        await world.shutdown()
        await provider.stop()
    }

    @Test("without a provider configured the sign-in page has no such button")
    func notConfigured() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            let page = try await web.get("/signin")
            #expect(!page.body.contains("/signin/oidc"))
            #expect(try await web.get("/signin/oidc").status == .notFound)
        }
        await world.shutdown()
    }
}

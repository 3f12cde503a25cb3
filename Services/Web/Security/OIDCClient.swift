import AsyncHTTPClient
import Foundation
import JWTKit
import NIOCore
import NIOHTTP1

/// The relying party of sign-in through the company's OpenID Connect provider:
/// the authorization-code flow with PKCE (S256). It reads the provider's discovery
/// document and keys (JWKS) on each sign-in, so a rotated key needs no restart;
/// sign-ins are rare enough for the two small requests.
struct OIDCClient: Sendable {
    let settings: OIDCSettings
    var http: HTTPClient = .shared
    /// How long a request to the provider may take.
    var timeout: TimeAmount = .seconds(10)

    /// The provider's endpoints (OpenID Connect Discovery 1.0).
    struct Discovery: Decodable, Sendable {
        let issuer: String
        let authorization_endpoint: String
        let token_endpoint: String
        let jwks_uri: String
    }

    /// Who the provider says signed in, once the ID token has passed every check.
    struct Identity: Sendable, Equatable {
        let subject: String
        let email: String
    }

    /// Why a sign-in through the provider was refused; `reason` is for the page.
    struct Refusal: Error, CustomStringConvertible, Equatable {
        let reason: String
        var description: String { reason }
    }

    /// Where to send the browser: the provider's authorization endpoint with the
    /// attempt's `state`, `nonce` and PKCE challenge.
    /// - Throws: `Refusal` when the provider cannot be reached or is not the issuer configured.
    func authorizationURL(for attempt: OIDCSignInState, redirectURI: String) async throws -> String {
        let discovery = try await discover()
        guard var components = URLComponents(string: discovery.authorization_endpoint) else {
            throw Refusal(reason: "the provider's authorization endpoint is not a URL")
        }
        components.queryItems =
            (components.queryItems ?? []) + [
                URLQueryItem(name: "response_type", value: "code"),
                URLQueryItem(name: "client_id", value: settings.clientID),
                URLQueryItem(name: "redirect_uri", value: redirectURI),
                URLQueryItem(name: "scope", value: "openid email profile"),
                URLQueryItem(name: "state", value: attempt.state),
                URLQueryItem(name: "nonce", value: attempt.nonce),
                URLQueryItem(name: "code_challenge", value: PKCE.challenge(for: attempt.verifier)),
                URLQueryItem(name: "code_challenge_method", value: "S256"),
            ]
        guard let url = components.url?.absoluteString else {
            throw Refusal(reason: "the provider's authorization endpoint is not a URL")
        }
        return url
    }

    /// Trades `code` for tokens and checks the ID token: its signature against the
    /// issuer's JWKS, then issuer, audience, expiry, the attempt's nonce, and a
    /// verified e-mail.
    /// - Throws: `Refusal` naming the check that failed.
    func identity(code: String, attempt: OIDCSignInState, redirectURI: String) async throws -> Identity {
        let discovery = try await discover()
        let idToken = try await exchange(
            code: code, verifier: attempt.verifier, redirectURI: redirectURI, at: discovery)
        let keys = JWTKeyCollection()
        do {
            _ = try await keys.add(jwksJSON: try await get(discovery.jwks_uri))
        } catch let refusal as Refusal { throw refusal } catch {
            throw Refusal(reason: "the provider's keys (JWKS) could not be read: \(error)")
        }
        let claims: IDTokenClaims
        do { claims = try await keys.verify(idToken, as: IDTokenClaims.self) } catch {
            throw Refusal(reason: "the ID token did not pass its signature or expiry check (\(error))")
        }
        try Self.check(claims, issuer: discovery.issuer, clientID: settings.clientID, nonce: attempt.nonce)
        guard let email = claims.email, !email.isEmpty else {
            throw Refusal(reason: "the provider gave no e-mail address")
        }
        return Identity(subject: claims.sub.value, email: email)
    }

    /// The checks after the signature (OpenID Connect Core §3.1.3.7).
    /// - Throws: `Refusal` naming the first that fails.
    static func check(_ claims: IDTokenClaims, issuer: String, clientID: String, nonce: String) throws {
        guard claims.iss.value == issuer else {
            throw Refusal(reason: "the ID token's issuer \(claims.iss.value) is not \(issuer)")
        }
        do { try claims.aud.verifyIntendedAudience(includes: clientID) } catch {
            throw Refusal(reason: "the ID token is not meant for this site (audience)")
        }
        if claims.aud.value.count > 1, claims.azp != clientID {
            throw Refusal(reason: "the ID token is not meant for this site (authorized party)")
        }
        guard claims.nonce == nonce else {
            throw Refusal(reason: "the ID token's nonce does not match this sign-in")
        }
        guard claims.email_verified?.value == true else {
            throw Refusal(reason: "the provider has not verified this e-mail address")
        }
    }

    /// The discovery document, whose issuer must be the one configured.
    private func discover() async throws -> Discovery {
        let issuer = Self.trimmed(settings.issuer)
        let text = try await get(issuer + "/.well-known/openid-configuration")
        let discovery: Discovery
        do { discovery = try JSONDecoder().decode(Discovery.self, from: Data(text.utf8)) } catch {
            throw Refusal(reason: "the provider's discovery document could not be read")
        }
        guard Self.trimmed(discovery.issuer) == issuer else {
            throw Refusal(reason: "the provider calls itself \(discovery.issuer), not \(settings.issuer)")
        }
        return discovery
    }

    /// The ID token of the token endpoint's answer to `code`.
    private func exchange(code: String, verifier: String, redirectURI: String, at discovery: Discovery)
        async throws -> String
    {
        var request = HTTPClientRequest(url: discovery.token_endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        var fields = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
            ("code_verifier", verifier),
        ]
        if settings.clientSecret.isEmpty {
            fields.append(("client_id", settings.clientID))
        } else {
            // client_secret_basic (RFC 6749 §2.3.1): both form-encoded first.
            let credentials = Self.formEncode(settings.clientID) + ":" + Self.formEncode(settings.clientSecret)
            request.headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
        }
        request.body = .bytes(ByteBuffer(string: fields.map { "\($0)=\(Self.formEncode($1))" }.joined(separator: "&")))
        let (status, body) = try await send(request)
        struct TokenReply: Decodable {
            let id_token: String?
            let error: String?
            let error_description: String?
        }
        let reply = try? JSONDecoder().decode(TokenReply.self, from: Data(body.utf8))
        guard status == .ok, let idToken = reply?.id_token else {
            let detail = [reply?.error, reply?.error_description].compactMap { $0 }.joined(separator: ": ")
            throw Refusal(
                reason: "the provider did not give an ID token (\(detail.isEmpty ? "\(status.code)" : detail))")
        }
        return idToken
    }

    private func get(_ url: String) async throws -> String {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        let (status, body) = try await send(request)
        guard status == .ok else { throw Refusal(reason: "the provider answered \(status.code) for \(url)") }
        return body
    }

    private func send(_ request: HTTPClientRequest) async throws -> (HTTPResponseStatus, String) {
        do {
            let response = try await http.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 1 << 20)
            return (response.status, String(buffer: body))
        } catch let refusal as Refusal { throw refusal } catch {
            throw Refusal(reason: "the provider could not be reached (\(error))")
        }
    }

    private static func trimmed(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// application/x-www-form-urlencoded: everything but unreserved characters escaped.
    static func formEncode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

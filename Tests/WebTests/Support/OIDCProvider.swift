import AsyncHTTPClient
import Foundation
import Glibc
import NIOCore
import NIOHTTP1
import Stack
import TestSupport

/// A real OpenID Connect provider on loopback: oidc-provider-mock (PyPI), which
/// `scripts/bootstrap` installs into `.tools/oidc-provider`
/// (`GLIMLACH_OIDC_PROVIDER` names another executable). It issues RS256 ID tokens
/// signed with a key it makes at start and serves on its JWKS; nonces are
/// required. Its consent form takes the subject, whose claims the test sets first.
final class OIDCProvider: @unchecked Sendable {
    let process = Process()
    let issuer: String

    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["GLIMLACH_OIDC_PROVIDER"] {
            return URL(fileURLWithPath: path)
        }
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return root.appendingPathComponent(".tools/oidc-provider/bin/oidc-provider-mock")
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "no OpenID provider at \(OIDCProvider.executable.path): run scripts/bootstrap" }
    }

    /// Starts the provider and waits (up to 20 s) until it serves its discovery document.
    init() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else { throw Missing() }
        let port = try freeEndpoint().split(separator: ":").last.map(String.init) ?? "9400"
        issuer = "http://127.0.0.1:\(port)"
        process.executableURL = Self.executable
        process.arguments = ["--host", "127.0.0.1", "--port", port, "--require-nonce", "true"]
        process.standardOutput = FileHandle.nullDevice
        if ProcessInfo.processInfo.environment["GLIMLACH_TEST_CHILD_LOGS"] == nil {
            process.standardError = FileHandle.nullDevice
        }
        try ProcessLaunch.run(process)
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if (try? await send(.GET, issuer + "/.well-known/openid-configuration").status) == .ok { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        await stop()
        throw Missing()
    }

    /// Sets the claims the provider gives `subject`.
    func setUser(_ subject: String, claims: [String: Any]) async throws {
        let body = try JSONSerialization.data(withJSONObject: claims)
        let reply = try await send(
            .PUT, issuer + "/users/\(subject)", body: String(decoding: body, as: UTF8.self),
            contentType: "application/json")
        precondition(reply.status == .noContent, "the provider refused the user: \(reply.status)")
    }

    /// What the browser does on the provider's consent form: signs in as `subject`
    /// on the authorization request `url`. Returns where the provider sends the
    /// browser next (this site's callback, with the code and state).
    func consent(_ url: String, as subject: String) async throws -> String? {
        let reply = try await send(.POST, url, body: "sub=\(subject)", contentType: "application/x-www-form-urlencoded")
        return reply.headers.first(name: "location")
    }

    func send(_ method: HTTPMethod, _ url: String, body: String? = nil, contentType: String? = nil) async throws
        -> HTTPClientResponse
    {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await Self.http.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        return response
    }

    /// Redirects are the test's to follow, as a browser's.
    private static let http = HTTPClient(configuration: .init(redirectConfiguration: .disallow))

    /// SIGKILL, then waits without blocking a thread: uvicorn's graceful SIGTERM
    /// would wait for the kept-alive connections of the site's HTTP client.
    func stop() async {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}

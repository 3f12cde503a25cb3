import Hummingbird
import HummingbirdTesting

@testable import WebService

extension WebWorld {
    /// Runs `body` against the web application in-process (no socket).
    func withWeb<T: Sendable>(_ body: @Sendable (WebSession) async throws -> T) async throws -> T {
        let app = buildWebApplication(client: client, settings: settings, host: "127.0.0.1", port: 0)
        return try await app.test(.router) { client in try await body(WebSession(client)) }
    }
}

import Hummingbird
import HummingbirdTesting

@testable import WebService

extension WebWorld {
    /// Runs `body` against the web application in-process (no socket), its settings
    /// changed by `adjust`.
    func withWeb<T: Sendable>(
        adjust: (inout WebSettings) -> Void = { _ in }, _ body: @Sendable (WebSession) async throws -> T
    ) async throws -> T {
        var settings = settings
        adjust(&settings)
        let app = buildWebApplication(client: client, settings: settings, host: "127.0.0.1", port: 0)
        return try await app.test(.router) { client in try await body(WebSession(client)) }
    }
}

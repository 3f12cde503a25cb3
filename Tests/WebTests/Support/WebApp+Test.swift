import Hummingbird
import HummingbirdTesting
import Contract
import Testing

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

extension WebWorld {
    /// Runs `body` against the web application on a real socket (for the chat's
    /// WebSocket), with a browser-like session and the server's port.
    func withLiveWeb<T: Sendable>(
        adjust: (inout WebSettings) -> Void = { _ in }, _ body: @Sendable (WebSession, Int) async throws -> T
    ) async throws -> T {
        var settings = settings
        adjust(&settings)
        let app = buildWebApplication(client: client, settings: settings, host: "127.0.0.1", port: 0)
        return try await app.test(.live) { client in
            try await body(WebSession(client), try #require(client.port))
        }
    }

    /// Makes the chat open around the clock in NL, so the chat's tests do not
    /// depend on the time they run.
    func openChatAllDay() async throws {
        _ = try await client.call(
            Tickets.setChannelCalendar,
            .init(calendar: .init(channel: .chat, country: "NL", time_zone: "Europe/Amsterdam", always_open: true)))
    }
}

import Hummingbird
import HummingbirdTesting
import Meta
import Testing

@Suite("Meta webhook subscription handshake", .timeLimit(.minutes(1)))
struct WebhookVerificationTests {
    @Test("the right verify token gets the challenge back as plain text")
    func acceptsOurToken() async throws {
        let app = WebhookFixtures.application(sink: SinkRecorder().sink)
        try await app.test(.router) { client in
            let uri = "\(WebhookFixtures.path)?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444"
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "1158201444")
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
        }
    }

    @Test(
        "a wrong token, a missing token or another mode is refused with 403",
        arguments: [
            "hub.mode=subscribe&hub.verify_token=guess&hub.challenge=42",
            "hub.mode=subscribe&hub.challenge=42",
            "hub.mode=unsubscribe&hub.verify_token=verify-me&hub.challenge=42",
        ])
    func refusesOthers(query: String) async throws {
        let app = WebhookFixtures.application(sink: SinkRecorder().sink)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "\(WebhookFixtures.path)?\(query)", method: .get)
            #expect(response.status == .forbidden)
            #expect(!String(buffer: response.body).contains("42"))
        }
    }
}

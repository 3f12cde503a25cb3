import Testing

@testable import WebhooksService

/// The signature a receiver checks, against the Standard Webhooks test vector.
@Suite("webhooks: signatures")
struct SignatureTests {
    @Test("the Standard Webhooks test vector signs to its published signature")
    func standardVector() throws {
        let secret = try #require(SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        let header = WebhookSignature.header(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestampSeconds: 1_614_265_330, body: "{\"test\": 2432232314}",
            secret: secret)
        #expect(header == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test("a new secret is whsec_ and the base64 of 32 random bytes, and reads back")
    func newSecret() throws {
        let secret = SigningSecret.generate()
        #expect(secret.text.hasPrefix("whsec_") && secret.key.count == 32)
        #expect(SigningSecret(secret.text) == secret)
        #expect(SigningSecret.generate() != secret)
    }
}

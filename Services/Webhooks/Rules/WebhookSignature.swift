import Crypto
import Foundation

/// The Standard Webhooks signature (https://www.standardwebhooks.com): the base64
/// HMAC-SHA256, keyed by the secret's bytes, of `"{webhook-id}.{webhook-timestamp}.{body}"`,
/// sent as `webhook-signature: v1,<base64>`.
enum WebhookSignature {
    /// The `webhook-signature` header value.
    static func header(id: String, timestampSeconds: Int64, body: String, secret: SigningSecret) -> String {
        let content = Data("\(id).\(timestampSeconds).\(body)".utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: secret.key))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The headers of one attempt.
    static func headers(id: String, timestampSeconds: Int64, body: String, secret: SigningSecret) -> [(String, String)]
    {
        [
            ("webhook-id", id), ("webhook-timestamp", String(timestampSeconds)),
            ("webhook-signature", header(id: id, timestampSeconds: timestampSeconds, body: body, secret: secret)),
            ("content-type", "application/json"),
        ]
    }
}

import Crypto
import Foundation

/// A subscription's signing secret as Standard Webhooks writes it: `whsec_`
/// followed by the base64 of 32 random bytes. The HMAC key is those bytes.
struct SigningSecret: Sendable, Equatable {
    let key: [UInt8]

    /// A new random secret.
    static func generate() -> SigningSecret {
        var generator = SystemRandomNumberGenerator()
        return SigningSecret(key: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    init(key: [UInt8]) { self.key = key }

    /// Reads `whsec_<base64>` (the prefix is optional, as in the spec's libraries).
    init?(_ text: String) {
        let encoded = text.hasPrefix("whsec_") ? String(text.dropFirst(6)) : text
        guard let data = Data(base64Encoded: encoded), !data.isEmpty else { return nil }
        key = [UInt8](data)
    }

    var text: String { "whsec_" + Data(key).base64EncodedString() }
}

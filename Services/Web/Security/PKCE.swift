import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636) with the S256 method: a fresh random
/// verifier per sign-in, and its challenge sent with the authorization request.
enum PKCE {
    /// A verifier of 43 characters from 256 random bits (RFC 7636 §4.1).
    static func verifier() -> String { randomToken(bytes: 32) }

    /// BASE64URL(SHA256(ASCII(verifier))) without padding (RFC 7636 §4.2).
    static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64URL
    }
}

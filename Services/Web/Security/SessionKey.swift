import Crypto
import Foundation
import Logging

/// The secret that signs session cookies and CSRF tokens (HMAC-SHA256).
struct SessionKey: Sendable {
    let key: SymmetricKey

    init(bytes: [UInt8]) { key = SymmetricKey(data: bytes) }

    /// A fresh random 256-bit key.
    static func random() -> SessionKey { SessionKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }) }

    /// The key given inline (hex or any text of at least 32 characters), else read from
    /// `file`, else a random one (sessions then end with the process).
    /// - Throws: when `file` is named but cannot be read, or a key is shorter than 32 bytes.
    static func load(inline: String?, file: String, logger: Logger) throws -> SessionKey {
        if let inline, !inline.isEmpty { return try parse(inline) }
        if !file.isEmpty {
            if FileManager.default.fileExists(atPath: file) {
                return try parse(String(contentsOfFile: file, encoding: .utf8))
            }
            // Generated once and kept, so sessions survive restarts; only the owner may read it.
            let text = randomToken(bytes: 32)
            if FileManager.default.createFile(
                atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
            {
                logger.notice("generated a session key in \(file)")
            } else {
                logger.warning("could not write the session key to \(file): sessions end with this process")
            }
            return try parse(text)
        }
        logger.notice("no session key configured: generated one, sessions end with this process")
        return random()
    }

    static func parse(_ text: String) throws -> SessionKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count >= 32 else { throw KeyError.tooShort }
        return SessionKey(bytes: Array(trimmed.utf8))
    }

    enum KeyError: Error, CustomStringConvertible {
        case tooShort
        var description: String { "the session key must be at least 32 characters" }
    }

    /// The HMAC of `message`, base64url without padding.
    func sign(_ message: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: key)
        return Data(mac).base64URL
    }

    /// Whether `signature` is `sign(message)`, compared in constant time.
    func verify(_ message: String, signature: String) -> Bool {
        guard let data = Data(base64URL: signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(data, authenticating: Array(message.utf8), using: key)
    }
}

extension Data {
    /// Base64url (RFC 4648 §5) without padding: safe in cookies, URLs and form fields.
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}

/// A random base64url string of `bytes` bytes.
func randomToken(bytes: Int = 18) -> String {
    Data((0..<bytes).map { _ in UInt8.random(in: 0...255) }).base64URL
}

import Bus
import HummingbirdBcrypt

/// Passwords: how long they must be and how they are hashed (bcrypt, which reads
/// only the first 72 bytes, so longer ones are refused rather than cut).
enum PasswordRules {
    static let minLength = 12
    static let maxBytes = 72
    /// bcrypt's work factor for new hashes.
    static let cost: UInt8 = 12

    /// - Throws: INVALID_ARGUMENT naming `password` when it is too short or too long.
    static func check(_ password: String?) throws -> String {
        guard let password, password.count >= minLength else {
            throw RPCError.invalidArgument(field: "password", "must have at least \(minLength) characters")
        }
        guard password.utf8.count <= maxBytes else {
            throw RPCError.invalidArgument(field: "password", "must have at most \(maxBytes) bytes")
        }
        return password
    }

    static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    /// Whether `password` matches `hash`; without a hash it checks a decoy, so the
    /// time taken does not tell whether an account exists.
    static func verify(_ password: String, hash: String?) -> Bool {
        guard let hash else {
            _ = Bcrypt.verify(password, hash: decoy)
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    private static let decoy = Bcrypt.hash("decoy password, never anyone's", cost: cost)
}

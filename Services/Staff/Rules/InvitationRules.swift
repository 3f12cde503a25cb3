import Bus
import Contract
import Crypto
import Foundation
import ServiceKit

/// Invitations by link: how long they work, how their tokens are made and kept, and
/// when one may still be used. Staff keeps only `hash(_:)` of a token, so a copy of
/// the database opens no account.
enum InvitationRules {
    /// Validity when the request names none.
    static let defaultHours: UInt32 = 72
    /// The longest validity a request may ask for (30 days).
    static let maxHours: UInt32 = 720

    /// The validity in milliseconds.
    /// - Throws: INVALID_ARGUMENT naming `valid_hours` outside 1...`maxHours`.
    static func validity(hours: UInt32?) throws -> Int64 {
        let hours = hours ?? defaultHours
        guard (1...maxHours).contains(hours) else {
            throw RPCError.invalidArgument(field: "valid_hours", "must be 1..\(maxHours)")
        }
        return Int64(hours) * 3_600_000
    }

    /// A new token: 256 random bits from the system's generator, base64url without
    /// padding (43 characters), so the link needs no escaping.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<4 { withUnsafeBytes(of: generator.next() as UInt64) { bytes += $0 } }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// What staff keeps of `token`: its SHA-256 in lowercase hex.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The token of a request, trimmed; INVALID_ARGUMENT when missing or not one of ours.
    static func token(_ value: String?) throws -> String {
        let token = try Fields.text(value, "token", maxLength: 64)
        guard
            token.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || "-_0123456789".unicodeScalars.contains($0))
            })
        else { throw RPCError.invalidArgument(field: "token", "is not an invitation token") }
        return token
    }

    /// Whether `employee`'s account may be invited: it must be active and have an
    /// e-mail to sign in with.
    /// - Throws: FAILED_PRECONDITION naming `employee_id`.
    static func checkInvitable(_ account: Staff.Account) throws {
        guard account.active == true else {
            throw Refusal.precondition("employee_id: the account of \(account.employee_id ?? "") is not active")
        }
        guard account.email?.isEmpty == false else {
            throw Refusal.precondition("employee_id: \(account.employee_id ?? "") has no e-mail to sign in with")
        }
    }

    /// Whether a stored invitation may still be used at `nowMs`.
    /// - Throws: FAILED_PRECONDITION naming `token` for one used, replaced or expired.
    static func checkOpen(_ stored: StoredInvitation, nowMs: Int64) throws {
        if stored.usedAtMs != nil { throw Refusal.precondition("token: this invitation was already used") }
        if stored.replaced { throw Refusal.precondition("token: this invitation was replaced by a newer one") }
        if nowMs >= stored.invitation.expires_at_ms ?? 0 {
            throw Refusal.precondition("token: this invitation expired")
        }
    }
}

import ApiAccess
import Bus
import Contract
import ServiceKit

/// API tokens for other systems: how their secrets are made and kept, the limits a
/// request may ask for, and when a use is worth writing down. Staff keeps only
/// `hash(_:)` of a secret (SHA-256, as for invitation links: the secret is 256
/// random bits, so no slow hash is needed), so a copy of the database calls nothing.
enum ApiTokenRules {
    /// What every secret starts with, so a leaked one is recognised (secret scanners).
    static let secretPrefix = "glim_"
    /// Characters of the secret kept and shown to recognise a token: "glim_" and six more.
    static let visiblePrefixLength = 11
    /// The longest name an integration may have.
    static let maxNameLength = 100
    /// A token's last use is written down at most this often (milliseconds).
    static let lastUsedResolutionMs: Int64 = 60_000

    /// A new secret: "glim_" and 32 random bytes from the system's generator in
    /// base64url without padding (43 characters).
    static func newSecret() -> String { secretPrefix + InvitationRules.newToken() }

    /// What staff keeps of `secret`: its SHA-256 in lowercase hex.
    static func hash(_ secret: String) -> String { InvitationRules.hash(secret) }

    /// The part of `secret` shown in lists.
    static func visiblePrefix(of secret: String) -> String { String(secret.prefix(visiblePrefixLength)) }

    /// The requests per minute a create asks for: 600 when unset or 0.
    /// - Throws: INVALID_ARGUMENT naming `requests_per_minute` above the maximum.
    static func requestsPerMinute(_ value: UInt32?) throws(RPCError) -> UInt32 {
        guard let value, value != 0 else { return ApiRateLimiter.defaultPerMinute }
        guard value <= ApiRateLimiter.maxPerMinute else {
            throw RPCError.invalidArgument(field: "requests_per_minute", "must be 1..\(ApiRateLimiter.maxPerMinute)")
        }
        return value
    }

    /// The secret of an AuthenticateApiToken request.
    /// - Throws: INVALID_ARGUMENT "secret: must be set"; UNAUTHENTICATED for text that
    ///   cannot be one of ours (no lookup is made for it).
    static func secret(_ value: String?) throws(RPCError) -> String {
        let secret = try Fields.required(value, "secret")
        guard secret.hasPrefix(secretPrefix), secret.count == secretPrefix.count + 43,
            secret.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || "-_0123456789".unicodeScalars.contains($0))
            })
        else { throw RPCError(.unauthenticated, "secret: not a Glimlach API token") }
        return secret
    }

    /// Whether a use at `nowMs` should be written down: the last one is a minute old or more.
    static func shouldRecordUse(of token: Staff.ApiToken, nowMs: Int64) -> Bool {
        guard let last = token.last_used_at_ms else { return true }
        return nowMs - last >= lastUsedResolutionMs
    }

    /// - Throws: UNAUTHENTICATED for a revoked token.
    static func checkUsable(_ token: Staff.ApiToken) throws(RPCError) {
        guard token.revoked_at_ms == nil else {
            throw RPCError(.unauthenticated, "secret: this API token was revoked")
        }
    }
}

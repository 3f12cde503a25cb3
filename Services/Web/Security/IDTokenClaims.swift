import JWTKit

/// The claims of an OpenID Connect ID token that sign-in reads. jwt-kit checks the
/// signature against the issuer's keys before it decodes them; `verify` adds the
/// expiry, and `OIDCClient` the issuer, audience and nonce.
struct IDTokenClaims: JWTPayload {
    let iss: IssuerClaim
    let sub: SubjectClaim
    let aud: AudienceClaim
    let exp: ExpirationClaim
    let nonce: String?
    /// The authorized party, required to be this client when `aud` names several.
    let azp: String?
    let email: String?
    /// Some providers send it as the string "true".
    let email_verified: BoolClaim?

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

import Foundation

/// The company's OpenID Connect provider, when employees may sign in through it
/// (`--oidc-issuer`, `--oidc-client-id`, `--oidc-client-secret`, `--oidc-name`;
/// see `WebOptions`). Unset: the sign-in page offers only e-mail and password.
struct OIDCSettings: Sendable {
    /// The issuer URL; its `/.well-known/openid-configuration` names the endpoints,
    /// and every ID token must carry exactly this `iss`.
    var issuer: String
    /// This site's client id at the provider; every ID token must name it in `aud`.
    var clientID: String
    /// The client secret, sent to the token endpoint (HTTP Basic); empty for a
    /// public client.
    var clientSecret: String
    /// The provider's name on the sign-in button ("Sign in with <name>").
    var name: String
    /// This site's callback as registered at the provider; nil: the site's own
    /// address as the browser reached it, plus `/signin/oidc/callback`.
    var redirectURI: String?
}

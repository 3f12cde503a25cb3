import Foundation

/// What the web front is configured with (see `WebOptions` for the keys).
struct WebSettings: Sendable {
    var users: UserDirectory
    var key: SessionKey
    /// Where the dashboard's days begin.
    var timeZone: TimeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
    var secureCookies = false
    /// How long a bus call may take before the page says the service is unavailable.
    var callTimeout: Duration = .seconds(5)

    /// Sessions signed out on the server.
    var revokedSessions = RevokedSessions()
    /// Failed sign-ins per account and per address.
    var signInThrottle = SignInThrottle()

    var sessions: Sessions { Sessions(key: key, secure: secureCookies, revoked: revokedSessions) }
}

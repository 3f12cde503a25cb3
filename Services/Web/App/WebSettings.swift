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
    /// How long a dashboard card waits for its service before it says the service is
    /// not answering (the cards are fetched at once, so this bounds the whole page).
    var cardTimeout: Duration = .seconds(1)

    /// How often a workspace page's event stream asks whether what it shows changed.
    var liveEvery: Duration = .seconds(2)
    /// How long an event stream runs without a change before it ends (browsers reconnect).
    var liveFor: Duration = .seconds(300)

    /// The country whose CHAT calendar (tickets' `GetChannelCalendars`) says when the
    /// live chat is open.
    var chatCountry = "NL"
    /// How often an open chat socket asks tickets for the conversation.
    var chatPollEvery: Duration = .seconds(1)
    /// How long a chat socket stays open without a message from the customer.
    var chatIdleFor: Duration = .seconds(600)

    /// The company's OpenID Connect provider; nil: no "Sign in with" button.
    var oidc: OIDCSettings?

    /// Sessions signed out on the server.
    var revokedSessions = RevokedSessions()
    /// Failed sign-ins per account and per address.
    var signInThrottle = SignInThrottle()

    var sessions: Sessions { Sessions(key: key, secure: secureCookies, revoked: revokedSessions) }
}

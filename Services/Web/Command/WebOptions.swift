import ArgumentParser
import Bus
import Foundation

/// The flags of `web serve`; each falls back to an environment variable, then to the
/// local default, as `ServiceOptions` does for the services.
///
/// Configuration keys:
/// - `--bus` / `GLIMLACH_BUS_ENDPOINT` (string, `tcp://127.0.0.1:5555`): the bus.
/// - `--http-host` / `GLIMLACH_WEB_HOST` (string, `127.0.0.1`): address to listen on.
/// - `--http-port` / `GLIMLACH_WEB_PORT` (int, 8080): HTTP port.
/// - `--users` / `GLIMLACH_WEB_USERS` (path, none): operators' `name:bcrypt-hash`
///   lines (employees sign in with their staff account).
/// - `--session-key-file` / `GLIMLACH_WEB_SESSION_KEY_FILE` (path, none): the cookie
///   signing key; `GLIMLACH_WEB_SESSION_KEY` gives it inline. Neither: a random key
///   per start (everyone signs in again after a restart).
/// - `--time-zone` / `GLIMLACH_WEB_TIME_ZONE` (IANA zone, `Europe/Amsterdam`): the
///   dashboard's days.
/// - `--chat-country` / `GLIMLACH_WEB_CHAT_COUNTRY` (ISO 3166-1 alpha-2, `NL`): the
///   country whose CHAT calendar says when the live chat is open.
/// - `--secure-cookies` / `GLIMLACH_WEB_SECURE_COOKIES=1`: mark cookies Secure (behind TLS).
/// - `--metrics` / `GLIMLACH_METRICS_ENDPOINT` (endpoint, off): Prometheus metrics, as
///   every process.
/// - `--log-level` / `GLIMLACH_LOG_LEVEL` (string, `info`).
/// - `--oidc-issuer` / `GLIMLACH_WEB_OIDC_ISSUER` (URL, none): the company's OpenID
///   Connect provider; set, the sign-in page offers "Sign in with <name>".
/// - `--oidc-client-id` / `GLIMLACH_WEB_OIDC_CLIENT_ID` (string, none) and
///   `GLIMLACH_WEB_OIDC_CLIENT_SECRET` (string, none; environment only, so it shows
///   in no process list): this site's client at the provider.
/// - `--oidc-name` / `GLIMLACH_WEB_OIDC_NAME` (string, `your company account`): the button's name.
/// - `--oidc-redirect-uri` / `GLIMLACH_WEB_OIDC_REDIRECT_URI` (URL, none): the
///   callback as registered at the provider; none: this site's address plus
///   `/signin/oidc/callback`.
struct WebOptions: ParsableArguments, Sendable {
    @Option(help: "Bus (Majordomo) endpoint (env GLIMLACH_BUS_ENDPOINT).")
    var bus = environmentValue("GLIMLACH_BUS_ENDPOINT", "tcp://127.0.0.1:5555")

    @Option(help: "Address to listen on (env GLIMLACH_WEB_HOST).")
    var httpHost = environmentValue("GLIMLACH_WEB_HOST", "127.0.0.1")

    @Option(help: "HTTP port (env GLIMLACH_WEB_PORT).")
    var httpPort = Int(environmentValue("GLIMLACH_WEB_PORT", "8080")) ?? 8080

    @Option(help: "File of operators, one `name:bcrypt-hash` a line (env GLIMLACH_WEB_USERS).")
    var users = environmentValue("GLIMLACH_WEB_USERS", "")

    @Option(help: "File holding the session signing key (env GLIMLACH_WEB_SESSION_KEY_FILE).")
    var sessionKeyFile = environmentValue("GLIMLACH_WEB_SESSION_KEY_FILE", "")

    @Option(help: "Time zone of the dashboard's days (env GLIMLACH_WEB_TIME_ZONE).")
    var timeZone = environmentValue("GLIMLACH_WEB_TIME_ZONE", "Europe/Amsterdam")

    @Option(help: "Country whose chat calendar says when the live chat is open (env GLIMLACH_WEB_CHAT_COUNTRY).")
    var chatCountry = environmentValue("GLIMLACH_WEB_CHAT_COUNTRY", "NL")

    @Flag(help: "Mark cookies Secure, for serving behind TLS (env GLIMLACH_WEB_SECURE_COOKIES=1).")
    var secureCookies = environmentValue("GLIMLACH_WEB_SECURE_COOKIES", "0") == "1"

    @Option(
        help:
            "Serve Prometheus metrics over HTTP here, e.g. tcp://0.0.0.0:9100; off when empty (env GLIMLACH_METRICS_ENDPOINT)."
    )
    var metrics = environmentValue("GLIMLACH_METRICS_ENDPOINT", "")

    @Option(help: "Log level: trace, debug, info, notice, warning, error (env GLIMLACH_LOG_LEVEL).")
    var logLevel = environmentValue("GLIMLACH_LOG_LEVEL", "info")

    @Option(help: "OpenID Connect issuer URL; empty: no sign-in through it (env GLIMLACH_WEB_OIDC_ISSUER).")
    var oidcIssuer = environmentValue("GLIMLACH_WEB_OIDC_ISSUER", "")

    @Option(help: "This site's OpenID Connect client id (env GLIMLACH_WEB_OIDC_CLIENT_ID).")
    var oidcClientId = environmentValue("GLIMLACH_WEB_OIDC_CLIENT_ID", "")

    @Option(help: "The provider's name on the sign-in button (env GLIMLACH_WEB_OIDC_NAME).")
    var oidcName = environmentValue("GLIMLACH_WEB_OIDC_NAME", "your company account")

    @Option(help: "The callback registered at the provider (env GLIMLACH_WEB_OIDC_REDIRECT_URI).")
    var oidcRedirectUri = environmentValue("GLIMLACH_WEB_OIDC_REDIRECT_URI", "")

    /// The provider settings, when an issuer and client id are given.
    var oidc: OIDCSettings? {
        guard !oidcIssuer.isEmpty, !oidcClientId.isEmpty else { return nil }
        return OIDCSettings(
            issuer: oidcIssuer, clientID: oidcClientId,
            clientSecret: ProcessInfo.processInfo.environment["GLIMLACH_WEB_OIDC_CLIENT_SECRET"] ?? "", name: oidcName,
            redirectURI: oidcRedirectUri.isEmpty ? nil : oidcRedirectUri)
    }

    init() {}

    func validate() throws {
        guard (1...65535).contains(httpPort) else { throw ValidationError("--http-port must be 1-65535") }
        guard TimeZone(identifier: timeZone) != nil else {
            throw ValidationError("--time-zone: unknown zone \(timeZone)")
        }
        guard chatCountry.count == 2, chatCountry.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw ValidationError("--chat-country: must be two letters (ISO 3166-1 alpha-2), got \(chatCountry)")
        }
    }
}

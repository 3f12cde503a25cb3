import ArgumentParser
import Bus
import Domain
import Logging
import Meta

/// The flags behind `ChannelsSettings` and the connected outlets; each falls back to
/// an environment variable, then to the local default.
struct ChannelsOptions: ParsableArguments {
    @Option(help: "Country of customers whose channel does not say (env GLIMLACH_CHANNELS_COUNTRY).")
    var defaultCountry = environmentValue("GLIMLACH_CHANNELS_COUNTRY", "NL")

    @Option(help: "The company's name in messages to customers (env GLIMLACH_COMPANY_NAME).")
    var company = environmentValue("GLIMLACH_COMPANY_NAME", "Glimlach")

    @Option(help: "Public base URL of the web front, for survey links (env GLIMLACH_PUBLIC_URL).")
    var publicURL = environmentValue("GLIMLACH_PUBLIC_URL", "http://127.0.0.1:8080")

    @Option(help: "Domain of the Message-IDs channels makes (env GLIMLACH_CHANNELS_MAIL_DOMAIN).")
    var mailDomain = environmentValue("GLIMLACH_CHANNELS_MAIL_DOMAIN", "glimlach.invalid")

    @Option(help: "First pause after a failed delivery, ms (env GLIMLACH_CHANNELS_RETRY_MS).")
    var retryMs = Int64(environmentValue("GLIMLACH_CHANNELS_RETRY_MS", "2000")) ?? 2000

    @Option(help: "Delivery attempts before FAILED (env GLIMLACH_CHANNELS_MAX_ATTEMPTS).")
    var maxAttempts = Int(environmentValue("GLIMLACH_CHANNELS_MAX_ATTEMPTS", "150")) ?? 150

    @Option(help: "Deliveries sent at once (env GLIMLACH_CHANNELS_SEND_CONCURRENCY).")
    var sendConcurrency = Int(environmentValue("GLIMLACH_CHANNELS_SEND_CONCURRENCY", "8")) ?? 8

    @Option(help: "Address the HTTP side (Meta's webhook, /healthz) listens on (env GLIMLACH_CHANNELS_HTTP_HOST).")
    var httpHost = environmentValue("GLIMLACH_CHANNELS_HTTP_HOST", "127.0.0.1")

    @Option(help: "Port of the HTTP side; 0: none (env GLIMLACH_CHANNELS_HTTP_PORT).")
    var httpPort = Int(environmentValue("GLIMLACH_CHANNELS_HTTP_PORT", "0")) ?? 0

    @Option(help: "The Meta app's secret, to check webhook signatures (env GLIMLACH_META_APP_SECRET).")
    var metaAppSecret = environmentValue("GLIMLACH_META_APP_SECRET", "")

    @Option(help: "The webhook's verify token, as set in the Meta app (env GLIMLACH_META_VERIFY_TOKEN).")
    var metaVerifyToken = environmentValue("GLIMLACH_META_VERIFY_TOKEN", "")

    @Option(help: "Access token for sending through the Graph API (env GLIMLACH_META_ACCESS_TOKEN).")
    var metaAccessToken = environmentValue("GLIMLACH_META_ACCESS_TOKEN", "")

    @Option(help: "Base URL of the Graph API (env GLIMLACH_META_GRAPH_URL).")
    var metaGraphURL = environmentValue("GLIMLACH_META_GRAPH_URL", "https://graph.facebook.com")

    func validate() throws {
        guard (0...65535).contains(httpPort) else { throw ValidationError("--http-port: 0...65535, got \(httpPort)") }
        guard metaAppSecret.isEmpty || (!metaVerifyToken.isEmpty && httpPort > 0) else {
            throw ValidationError("--meta-app-secret needs --meta-verify-token and an --http-port for the webhook")
        }
        guard defaultCountry.count == 2 else { throw ValidationError("--default-country: an ISO code such as NL") }
        guard retryMs > 0, maxAttempts > 0, sendConcurrency > 0 else {
            throw ValidationError("--retry-ms, --max-attempts and --send-concurrency must be positive")
        }
        guard publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://") else {
            throw ValidationError("--public-url: an http(s) URL, got '\(publicURL)'")
        }
    }

    var settings: ChannelsSettings {
        var settings = ChannelsSettings()
        settings.defaultCountry = defaultCountry.uppercased()
        settings.company = company
        settings.surveyBaseURL = publicURL
        settings.mailDomain = mailDomain
        settings.retry.firstPauseMs = retryMs
        settings.retry.maxAttempts = maxAttempts
        settings.sendConcurrency = sendConcurrency
        return settings
    }

    /// Meta's webhook settings, when a Meta app is configured.
    var metaWebhook: (appSecret: String, verifyToken: String)? {
        metaAppSecret.isEmpty ? nil : (metaAppSecret, metaVerifyToken)
    }

    /// The outlets configured by flags: Messenger and WhatsApp with a Graph access token.
    func outlets(logger: Logger) throws -> [Channel: any Outlet] {
        var outlets: [Channel: any Outlet] = [:]
        if !metaAccessToken.isEmpty {
            let meta = MetaOutlet(
                sender: GraphSender(accessToken: metaAccessToken, baseURL: metaGraphURL, logger: logger))
            outlets[.facebookMessenger] = meta
            outlets[.whatsApp] = meta
        }
        return outlets
    }
}

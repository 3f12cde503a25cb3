import ArgumentParser
import Bus
import Domain
import Foundation
import Logging
import Mail
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

    @Option(
        help:
            "The support mailbox, e.g. imaps://mail.example.com or imap://host:143 with STARTTLS (env GLIMLACH_CHANNELS_IMAP_URL)."
    )
    var imapURL = environmentValue("GLIMLACH_CHANNELS_IMAP_URL", "")

    @Option(
        help:
            "Login of the support mailbox (env GLIMLACH_CHANNELS_IMAP_USER); password in GLIMLACH_CHANNELS_IMAP_PASSWORD."
    )
    var imapUser = environmentValue("GLIMLACH_CHANNELS_IMAP_USER", "")

    @Option(help: "Mail submission server, e.g. smtp://host:587 with STARTTLS (env GLIMLACH_CHANNELS_SMTP_URL).")
    var smtpURL = environmentValue("GLIMLACH_CHANNELS_SMTP_URL", "")

    @Option(
        help:
            "Login for mail submission (env GLIMLACH_CHANNELS_SMTP_USER); password in GLIMLACH_CHANNELS_SMTP_PASSWORD.")
    var smtpUser = environmentValue("GLIMLACH_CHANNELS_SMTP_USER", "")

    @Option(help: "The address replies and surveys come from (env GLIMLACH_CHANNELS_MAIL_FROM).")
    var mailFrom = environmentValue("GLIMLACH_CHANNELS_MAIL_FROM", "")

    @Option(
        help:
            "PEM certificates to trust for the mail servers instead of the system's (env GLIMLACH_CHANNELS_MAIL_CA_FILE)."
    )
    var mailCAFile = environmentValue("GLIMLACH_CHANNELS_MAIL_CA_FILE", "")

    @Option(help: "How often the mailbox is read, ms (env GLIMLACH_CHANNELS_MAIL_POLL_MS).")
    var mailPollMs = Int64(environmentValue("GLIMLACH_CHANNELS_MAIL_POLL_MS", "5000")) ?? 5000

    func validate() throws {
        guard (0...65535).contains(httpPort) else { throw ValidationError("--http-port: 0...65535, got \(httpPort)") }
        guard imapURL.isEmpty || (!imapUser.isEmpty && !mailFrom.isEmpty) else {
            throw ValidationError("--imap-url needs --imap-user and --mail-from (the support address)")
        }
        guard smtpURL.isEmpty || !mailFrom.isEmpty else {
            throw ValidationError("--smtp-url needs --mail-from (the address replies come from)")
        }
        guard mailPollMs > 0 else { throw ValidationError("--mail-poll-ms must be positive") }
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
        if !smtpURL.isEmpty {
            let server = try mailServer(smtpURL, user: smtpUser, passwordVariable: "GLIMLACH_CHANNELS_SMTP_PASSWORD")
            outlets[.email] = MailOutlet(
                submission: try SMTPSubmission(server: server), from: MailAddress(mailFrom, name: company))
        }
        return outlets
    }

    /// The support mailbox's poller, when a mailbox is configured.
    func mailboxPoller(handlers: ChannelsHandlers<ChannelsSQLStore>, logger: Logger) throws -> MailboxPoller? {
        guard !imapURL.isEmpty else { return nil }
        let server = try mailServer(imapURL, user: imapUser, passwordVariable: "GLIMLACH_CHANNELS_IMAP_PASSWORD")
        return MailboxPoller(
            handlers: handlers, mailbox: try IMAPMailbox(server: server), ownAddress: mailFrom,
            interval: .milliseconds(mailPollMs), logger: logger)
    }

    private func mailServer(_ text: String, user: String, passwordVariable: String) throws -> MailServer {
        guard let url = URL(string: text), url.host != nil else {
            throw ValidationError("a mail server URL must be like imap://host:143 or smtp://host:587, got '\(text)'")
        }
        return MailServer(
            url: url, user: user, password: environmentValue(passwordVariable, ""),
            caFile: mailCAFile.isEmpty ? nil : mailCAFile)
    }
}

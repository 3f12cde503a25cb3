import ArgumentParser
import Bus
import Domain
import Logging

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

    func validate() throws {
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

    /// The outlets configured by flags (none yet without mail or Meta settings).
    func outlets(logger: Logger) throws -> [Channel: any Outlet] {
        [:]
    }
}

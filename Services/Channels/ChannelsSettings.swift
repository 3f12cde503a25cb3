import ServiceKit

/// The channels service's own rules, fixed at start (flags in `ChannelsOptions`).
struct ChannelsSettings: Sendable, Equatable {
    /// The country of a customer whose channel does not say (ISO 3166-1 alpha-2).
    var defaultCountry = "NL"
    /// The product category of tickets channels opens (an agent sets the real one).
    var productCategory = "unspecified"
    /// The company's name, as customers know it: in survey messages and signatures.
    var company = "Glimlach"
    /// The public base URL of the web front, kept without a trailing slash: survey
    /// links are `<base>/s/<token>`.
    var surveyBaseURL = "http://127.0.0.1:8080" {
        didSet { while surveyBaseURL.hasSuffix("/") { surveyBaseURL.removeLast() } }
    }
    /// The domain of the Message-IDs channels makes.
    var mailDomain = "glimlach.invalid"
    var retry = DeliveryRetry()
    /// How often the delivery worker looks for due deliveries.
    var pollIntervalMs: Int64 = 250
    /// Deliveries sent at once.
    var sendConcurrency = 8
    /// How long a process keeps the delivery and mailbox jobs without renewing them
    /// (`JobLeaseKeeper`): longer than one send or one mail can take (the mail
    /// servers' connect and operation limits, 70 s), so a busy process keeps its
    /// jobs, and the time another process waits to take over from a dead one.
    var jobLeaseSeconds = 90
}

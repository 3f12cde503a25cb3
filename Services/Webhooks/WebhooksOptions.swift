import ArgumentParser
import Bus
import ServiceKit

/// The flags behind `WebhooksSettings`; each falls back to an environment
/// variable, then to the default.
struct WebhooksOptions: ParsableArguments {
    @Option(help: "First pause after a failed attempt, ms (env GLIMLACH_WEBHOOKS_RETRY_MS).")
    var retryMs = Int64(environmentValue("GLIMLACH_WEBHOOKS_RETRY_MS", "5000")) ?? 5000

    @Option(help: "Longest pause between attempts, ms (env GLIMLACH_WEBHOOKS_MAX_PAUSE_MS).")
    var maxPauseMs = Int64(environmentValue("GLIMLACH_WEBHOOKS_MAX_PAUSE_MS", "3600000")) ?? 3_600_000

    @Option(help: "How long an attempt waits for the endpoint, ms (env GLIMLACH_WEBHOOKS_TIMEOUT_MS).")
    var timeoutMs = Int64(environmentValue("GLIMLACH_WEBHOOKS_TIMEOUT_MS", "15000")) ?? 15_000

    @Option(help: "Deliveries sent at once (env GLIMLACH_WEBHOOKS_SEND_CONCURRENCY).")
    var sendConcurrency = Int(environmentValue("GLIMLACH_WEBHOOKS_SEND_CONCURRENCY", "8")) ?? 8

    func validate() throws {
        guard retryMs > 0, maxPauseMs >= retryMs else {
            throw ValidationError("--retry-ms must be positive and at most --max-pause-ms")
        }
        guard timeoutMs > 0, sendConcurrency > 0 else {
            throw ValidationError("--timeout-ms and --send-concurrency must be positive")
        }
    }

    var settings: WebhooksSettings {
        var settings = WebhooksSettings()
        settings.retry.firstPauseMs = retryMs
        settings.retry.maxPauseMs = maxPauseMs
        settings.attemptTimeoutMs = timeoutMs
        settings.sendConcurrency = sendConcurrency
        settings.jobLeaseSeconds = max(settings.jobLeaseSeconds, Int(timeoutMs / 1000) + 30)
        return settings
    }
}

import ArgumentParser
import Bus
import ServiceKit

/// The feedback service's own rules, fixed at start.
///
/// Configuration keys (flag, environment variable, default):
/// - `--survey-delay-ms` / `GLIMLACH_FEEDBACK_SURVEY_DELAY_MS`, 86 400 000 (24 h): an
///   invitation becomes sendable this long after the contact ended.
/// - `--survey-valid-ms` / `GLIMLACH_FEEDBACK_SURVEY_VALID_MS`, 1 209 600 000 (14 days):
///   how long a sent invitation can be answered.
/// - `--frequency-cap-ms` / `GLIMLACH_FEEDBACK_FREQUENCY_CAP_MS`, 2 592 000 000 (30 days):
///   at most one survey per customer in this span; more are SUPPRESSED.
/// - `--follow-up-retry-ms` / `GLIMLACH_FEEDBACK_FOLLOW_UP_RETRY_MS`, 1000: first pause
///   after a failed OpenFollowUp; it doubles per attempt up to
/// - `--follow-up-retry-max-ms` / `GLIMLACH_FEEDBACK_FOLLOW_UP_RETRY_MAX_MS`, 60 000.
/// - `--follow-up-max-attempts` / `GLIMLACH_FEEDBACK_FOLLOW_UP_MAX_ATTEMPTS`, 200 (about
///   3 hours at the longest pause): then the follow-up is FAILED for a lead to act on.
public struct FeedbackSettings: Sendable, Equatable {
    public static let hour: Int64 = 3_600_000
    public static let day: Int64 = 24 * hour

    public var surveyDelayMs: Int64 = day
    public var surveyValidMs: Int64 = 14 * day
    public var frequencyCapMs: Int64 = 30 * day
    public var followUpRetryMs: Int64 = 1000
    public var followUpRetryMaxMs: Int64 = 60_000
    public var followUpMaxAttempts = 200
    /// How often the follow-up delivery looks for due follow-ups.
    public var followUpPollMs: Int64 = 250

    public init() {}

    /// The pause before attempt `attempts + 1`, after `attempts` failures.
    public func retryDelayMs(afterAttempts attempts: Int) -> Int64 {
        var delay = max(followUpRetryMs, 1)
        for _ in 1..<max(attempts, 1) where delay < followUpRetryMaxMs { delay *= 2 }
        return min(delay, followUpRetryMaxMs)
    }
}

/// The flags behind `FeedbackSettings`.
struct FeedbackOptions: ParsableArguments {
    @Option(help: "Delay after the contact before a survey is sent, ms (env GLIMLACH_FEEDBACK_SURVEY_DELAY_MS).")
    var surveyDelayMs = Int64(environmentValue("GLIMLACH_FEEDBACK_SURVEY_DELAY_MS", "86400000")) ?? FeedbackSettings.day

    @Option(help: "How long a survey can be answered, ms (env GLIMLACH_FEEDBACK_SURVEY_VALID_MS).")
    var surveyValidMs =
        Int64(environmentValue("GLIMLACH_FEEDBACK_SURVEY_VALID_MS", "1209600000")) ?? 14 * FeedbackSettings.day

    @Option(help: "One survey per customer within this span, ms (env GLIMLACH_FEEDBACK_FREQUENCY_CAP_MS).")
    var frequencyCapMs =
        Int64(environmentValue("GLIMLACH_FEEDBACK_FREQUENCY_CAP_MS", "2592000000")) ?? 30 * FeedbackSettings.day

    @Option(help: "First retry pause for OpenFollowUp, ms (env GLIMLACH_FEEDBACK_FOLLOW_UP_RETRY_MS).")
    var followUpRetryMs = Int64(environmentValue("GLIMLACH_FEEDBACK_FOLLOW_UP_RETRY_MS", "1000")) ?? 1000

    @Option(help: "Longest retry pause for OpenFollowUp, ms (env GLIMLACH_FEEDBACK_FOLLOW_UP_RETRY_MAX_MS).")
    var followUpRetryMaxMs = Int64(environmentValue("GLIMLACH_FEEDBACK_FOLLOW_UP_RETRY_MAX_MS", "60000")) ?? 60_000

    @Option(help: "OpenFollowUp attempts before a follow-up is FAILED (env GLIMLACH_FEEDBACK_FOLLOW_UP_MAX_ATTEMPTS).")
    var followUpMaxAttempts = Int(environmentValue("GLIMLACH_FEEDBACK_FOLLOW_UP_MAX_ATTEMPTS", "200")) ?? 200

    func validate() throws {
        guard surveyDelayMs >= 0, surveyValidMs > 0, frequencyCapMs >= 0, followUpRetryMs > 0,
            followUpRetryMaxMs >= followUpRetryMs, followUpMaxAttempts > 0
        else {
            throw ValidationError(
                "durations and attempts must be positive and the retry maximum at least the first pause")
        }
    }

    var settings: FeedbackSettings {
        var settings = FeedbackSettings()
        settings.surveyDelayMs = surveyDelayMs
        settings.surveyValidMs = surveyValidMs
        settings.frequencyCapMs = frequencyCapMs
        settings.followUpRetryMs = followUpRetryMs
        settings.followUpRetryMaxMs = followUpRetryMaxMs
        settings.followUpMaxAttempts = followUpMaxAttempts
        return settings
    }
}

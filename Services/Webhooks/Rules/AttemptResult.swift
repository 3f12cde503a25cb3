/// How one POST went, and what it means: 2xx delivered; 410 Gone says the
/// endpoint is gone for good (the subscription is disabled at once); anything
/// else, no answer included, is a failure to retry.
struct AttemptResult: Sendable, Equatable {
    var attemptedAtMs: Int64
    /// The endpoint's HTTP status; nil when it did not answer.
    var statusCode: Int?
    var durationMs: Int64
    /// Why it failed, when it did (no answer, or the start of the answer's body).
    var error: String?

    enum Verdict: Equatable { case delivered, gone, failed }

    var verdict: Verdict {
        switch statusCode {
        case .some(200..<300): .delivered
        case .some(410): .gone
        default: .failed
        }
    }

    /// What the delivery log says about a failure.
    var failure: String {
        switch (statusCode, error) {
        case (let code?, let text?) where !text.isEmpty: "HTTP \(code): \(text)"
        case (let code?, _): "HTTP \(code)"
        case (nil, let text?): text
        case (nil, nil): "no answer"
        }
    }
}

import Contract
import Domain

/// A checked answer: a score in range, trimmed comment, slug themes.
struct ResponseDraft: Sendable {
    var token: String?
    var score: NPSScore
    var comment: String?
    var consentToQuote: Bool
    var themes: [String]
    /// Only without a token.
    var attribution: Feedback.Attribution?
    var customerID: String?
    /// Only without a token: how Special Care reaches a detractor.
    var customerName: String?
    var customerHandle: String?
    var language: String?
    var source: Feedback.ResponseSource
    /// Imported history (`ImportResponse`): when the customer answered; nil: now.
    var answeredAtMs: Int64?
    /// Imported history: the other tool already followed this detractor up.
    var followUpDone = false
}

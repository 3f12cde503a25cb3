import Contract
import Domain

/// A new invitation before it has an id and a token.
struct InvitationDraft: Sendable {
    var source: Feedback.InvitationSource
    var attribution: Feedback.Attribution
    var customerID: String?
    var customerName: String?
    var customerHandle: String?
    var language: String?
    /// When the contact ended; the delay counts from here (the write's time when unset).
    var contactAtMs: Int64?
    /// Unset: the configured delay.
    var delayMs: Int64?
    /// Unset: the configured validity.
    var validForMs: Int64?
}

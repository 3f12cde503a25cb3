import Contract
import Foundation
import ServiceKit

/// When an answer may be recorded: not in the future, and through an invitation
/// only while it is open.
enum ResponseRules {
    /// - Throws: `Refusal.invalid` naming `answered_at_ms` for a time after `nowMs`.
    static func checkAnsweredAt(_ answeredAtMs: Int64, nowMs: Int64) throws(Refusal) {
        guard answeredAtMs <= nowMs else {
            throw Refusal.invalid(field: "answered_at_ms", "must not be in the future, got \(answeredAtMs)")
        }
    }

    /// - Throws: `Refusal.exists` for an answered invitation; `Refusal.precondition`
    ///   for one not sent yet or expired, saying when.
    static func checkAnswerable(_ invitation: Feedback.Invitation) throws(Refusal) {
        switch invitation.status {
        case .answered: throw Refusal.exists("this survey was already answered")
        case .expired:
            throw Refusal.precondition(
                "this survey expired at \(Date(unixMilliseconds: invitation.expires_at_ms ?? 0))")
        case .scheduled:
            throw Refusal.precondition("this survey opens at \(Date(unixMilliseconds: invitation.send_at_ms ?? 0))")
        default: return
        }
    }
}

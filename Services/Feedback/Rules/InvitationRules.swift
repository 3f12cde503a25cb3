import Contract
import Domain
import Foundation

/// When an invitation is sent and until when it can be answered, whether the
/// frequency cap suppresses it, and its status at a given time.
enum InvitationRules {
    /// A SCHEDULED invitation for `draft` without its token: sent `delayMs` (or the
    /// configured delay) after the contact (or `nowMs`), open for `validForMs` (or
    /// the configured validity).
    static func scheduled(_ draft: InvitationDraft, id: String, settings: FeedbackSettings, nowMs: Int64)
        -> Feedback.Invitation
    {
        let sendAt = (draft.contactAtMs ?? nowMs) + (draft.delayMs ?? settings.surveyDelayMs)
        return Feedback.Invitation(
            invitation_id: id, status: .scheduled, source: draft.source, attribution: draft.attribution,
            customer_id: draft.customerID, customer_name: draft.customerName, customer_handle: draft.customerHandle,
            language: draft.language, created_at_ms: nowMs, send_at_ms: sendAt,
            expires_at_ms: sendAt + (draft.validForMs ?? settings.surveyValidMs))
    }

    /// The invitation SUPPRESSED when its customer opted out of surveys (at
    /// `optedOutAtMs`) or was last surveyed at `lastSurveyedAtMs` (within the cap);
    /// otherwise given `token`.
    static func capped(
        _ invitation: Feedback.Invitation, lastSurveyedAtMs: Int64?, optedOutAtMs: Int64? = nil, token: String,
        settings: FeedbackSettings
    ) -> Feedback.Invitation {
        var invitation = invitation
        if let optedOut = optedOutAtMs {
            invitation.status = .suppressed
            invitation.suppressed_reason = optedOutReason(optedOut)
        } else if let last = lastSurveyedAtMs {
            invitation.status = .suppressed
            let days = settings.frequencyCapMs / FeedbackSettings.day
            invitation.suppressed_reason = "surveyed \(day(last)), cap \(days) days"
        } else {
            invitation.token = token
        }
        return invitation
    }

    /// Why an invitation of a customer who opted out is SUPPRESSED.
    static func optedOutReason(_ atMs: Int64) -> String { "opted out of surveys \(day(atMs))" }

    /// Why an invitation not sent yet is SUPPRESSED when its customer was erased.
    static func erasedReason(_ atMs: Int64) -> String { "customer erased \(day(atMs))" }

    /// The UTC day of `atMs`, "2026-12-06", as reasons name it.
    private static func day(_ atMs: Int64) -> Substring {
        ISO8601DateFormatter().string(from: Date(unixMilliseconds: atMs)).prefix(10)
    }

    /// `invitation` with its status as of `now`: ANSWERED and SUPPRESSED are stored;
    /// the rest follows from the clock (SCHEDULED before send_at, OPEN until
    /// expires_at, then EXPIRED).
    static func asOf(_ now: Int64, _ invitation: Feedback.Invitation) -> Feedback.Invitation {
        var invitation = invitation
        if invitation.status == .scheduled, let sendAt = invitation.send_at_ms, let expiresAt = invitation.expires_at_ms
        {
            invitation.status = now >= expiresAt ? .expired : now >= sendAt ? .open : .scheduled
        }
        return invitation
    }
}

import Contract
import Testing

@testable import FeedbackService

/// When an invitation is sent, whether the frequency cap holds it back, and its
/// status over time, without a store.
@Suite("Invitation rules")
struct InvitationRulesTests {
    let draft = InvitationDraft(
        source: .method, attribution: Feedback.Attribution(ticket_id: "tkt-1"), customerID: "cus-1",
        contactAtMs: 1_000)

    @Test("sent the configured delay after the contact, open for the configured validity")
    func schedule() {
        var settings = FeedbackSettings()
        settings.surveyDelayMs = 100
        settings.surveyValidMs = 1_000
        let invitation = InvitationRules.scheduled(draft, id: "inv-1", settings: settings, nowMs: 5_000)
        #expect(invitation.status == .scheduled && invitation.created_at_ms == 5_000)
        #expect(invitation.send_at_ms == 1_100 && invitation.expires_at_ms == 2_100)
        #expect(InvitationRules.asOf(1_099, invitation).status == .scheduled)
        #expect(InvitationRules.asOf(1_100, invitation).status == .open)
        #expect(InvitationRules.asOf(2_100, invitation).status == .expired)
    }

    @Test("a customer surveyed within the cap is suppressed with the date and no token")
    func cap() {
        let settings = FeedbackSettings()
        let scheduled = InvitationRules.scheduled(draft, id: "inv-1", settings: settings, nowMs: 5_000)
        let suppressed = InvitationRules.capped(
            scheduled, lastSurveyedAtMs: 1_767_603_600_000, token: "t", settings: settings)
        #expect(suppressed.status == .suppressed && suppressed.token == nil)
        #expect(suppressed.suppressed_reason == "surveyed 2026-01-05, cap 30 days")
        #expect(InvitationRules.asOf(Int64.max, suppressed).status == .suppressed)
        let sent = InvitationRules.capped(scheduled, lastSurveyedAtMs: nil, token: "t", settings: settings)
        #expect(sent.status == .scheduled && sent.token == "t")
    }
}

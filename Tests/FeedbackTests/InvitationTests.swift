import Bus
import Contract
import Foundation
import Testing

@testable import FeedbackService

@Suite("Survey invitations", .serialized)
struct InvitationTests {
    @Test("a resolved ticket makes one invitation with a random token and the attribution frozen at resolution")
    func fromResolvedTicket() async throws {
        let harness = try await FeedbackHarness()
        let resolvedAt = harness.clock.nowMs
        let event = try await harness.resolve(FeedbackHarness.resolved("tkt-1", at: resolvedAt))
        let invitation = try await harness.invitation(forTicket: "tkt-1")
        #expect(invitation.source == .ticketResolved && invitation.status == .scheduled)
        #expect(
            invitation.attribution
                == Feedback.Attribution(
                    ticket_id: "tkt-1", agent_id: "emp-sam", team_id: "team-experts", employer_id: "in-house",
                    channel: .chat, country: "NL", product_category: "photo-products", contact_at_ms: resolvedAt))
        #expect(invitation.customer_id == "cus-anna" && invitation.language == "nl")
        // At least 128 random bits, URL-safe; a second invitation has another token.
        let token = try #require(invitation.token)
        #expect(token.count >= 22 && token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        let other = try await harness.call(
            Feedback.createInvitation,
            Feedback.CreateInvitationRequest(attribution: .init(touchpoint: "delivery"), customer_id: "cus-bob"))
        #expect(other.invitation?.token != token)
        // Sendable 24 h after resolution, by default.
        #expect(invitation.send_at_ms == resolvedAt + 24 * 3_600_000)
        harness.clock.advance(hours: 24)
        #expect(try await harness.invitation(forTicket: "tkt-1").status == .open)
        // The event never carries the token.
        let created = try harness.events("invitation.created", as: Feedback.InvitationCreated.self)
        #expect(
            created.first?.attribution == invitation.attribution
                && created.first?.invitation_id == invitation.invitation_id)
        #expect(
            !harness.published.withLock { $0 }.contains { String(decoding: $0.payload, as: UTF8.self).contains(token) })
        // The same event again (a replay) changes nothing; the position is stored.
        try await harness.store.apply(event)
        let all = try await harness.call(Feedback.listInvitations, Feedback.ListInvitationsRequest(ticket_id: "tkt-1"))
        #expect(all.invitations.count == 1)
        #expect(try await harness.store.positions() == ["tickets": 1])
        await harness.shutdown()
    }

    @Test("the delay is configurable and counts from the resolution, not from when feedback hears of it")
    func configurableDelay() async throws {
        var settings = FeedbackSettings()
        settings.surveyDelayMs = 2 * FeedbackSettings.hour
        let harness = try await FeedbackHarness(settings: settings)
        let resolvedAt = harness.clock.nowMs - 3 * FeedbackSettings.hour  // feedback was down for three hours
        try await harness.resolve(FeedbackHarness.resolved("tkt-late", at: resolvedAt))
        let invitation = try await harness.invitation(forTicket: "tkt-late")
        #expect(invitation.send_at_ms == resolvedAt + 2 * FeedbackSettings.hour)
        #expect(invitation.status == .open)
        await harness.shutdown()
    }

    @Test("one survey per customer per 30 days: the next is suppressed without a token, then allowed again")
    func frequencyCap() async throws {
        let harness = try await FeedbackHarness()
        try await harness.resolve(FeedbackHarness.resolved("tkt-1", at: harness.clock.nowMs))
        harness.clock.advance(hours: 24 * 10)
        try await harness.resolve(FeedbackHarness.resolved("tkt-2", at: harness.clock.nowMs))
        let capped = try await harness.invitation(forTicket: "tkt-2")
        #expect(capped.status == .suppressed && capped.token == nil)
        #expect(capped.suppressed_reason?.contains("cap 30 days") == true)
        let suppressed = try harness.events("invitation.suppressed", as: Feedback.InvitationSuppressed.self)
        #expect(suppressed.map { $0.invitation_id } == [capped.invitation_id])
        // Another customer is not capped.
        try await harness.resolve(FeedbackHarness.resolved("tkt-3", customer: "cus-bob", at: harness.clock.nowMs))
        #expect(try await harness.invitation(forTicket: "tkt-3").status == .scheduled)
        // By method, the cap applies too: an OK reply with status SUPPRESSED.
        let byMethod = try await harness.call(
            Feedback.createInvitation,
            Feedback.CreateInvitationRequest(attribution: .init(touchpoint: "delivery"), customer_id: "cus-anna"))
        #expect(byMethod.invitation?.status == .suppressed)
        harness.clock.advance(hours: 24 * 21)
        try await harness.resolve(FeedbackHarness.resolved("tkt-4", at: harness.clock.nowMs))
        #expect(try await harness.invitation(forTicket: "tkt-4").status == .scheduled)
        await harness.shutdown()
    }

    @Test("by method: without a ticket, delay 0 sends now, the idempotency key makes one, bad input is named")
    func byMethod() async throws {
        let harness = try await FeedbackHarness()
        let request = Feedback.CreateInvitationRequest(
            attribution: .init(channel: .inStore, country: "BE", touchpoint: "store-visit"), customer_id: "cus-carla",
            delay_ms: 0, valid_for_ms: 3_600_000)
        let first = try await harness.call(Feedback.createInvitation, request, key: "visit-1")
        let retry = try await harness.call(Feedback.createInvitation, request, key: "visit-1")
        #expect(first == retry)
        let invitation = try #require(first.invitation)
        #expect(invitation.source == .method && invitation.status == .open && invitation.attribution?.ticket_id == nil)
        #expect(invitation.expires_at_ms == harness.clock.nowMs + 3_600_000)
        let listed = try await harness.call(
            Feedback.listInvitations, Feedback.ListInvitationsRequest(customer_id: "cus-carla"))
        #expect(listed.invitations.count == 1)
        let byToken = try await harness.call(
            Feedback.getInvitation, Feedback.GetInvitationRequest(token: invitation.token))
        #expect(byToken.invitation == invitation)
        harness.clock.advance(hours: 2)
        let expired = try await harness.call(
            Feedback.listInvitations, Feedback.ListInvitationsRequest(statuses: [.expired]))
        #expect(expired.invitations.map { $0.invitation_id } == [invitation.invitation_id])

        let missing = await harness.refusal(
            Feedback.createInvitation, Feedback.CreateInvitationRequest(customer_id: "c"))
        #expect(missing?.code == .invalidArgument && missing?.message.hasPrefix("attribution") == true)
        let badCountry = await harness.refusal(
            Feedback.createInvitation, Feedback.CreateInvitationRequest(attribution: .init(country: "nl")))
        #expect(badCountry?.code == .invalidArgument && badCountry?.message.hasPrefix("attribution.country") == true)
        let negative = await harness.refusal(
            Feedback.createInvitation, Feedback.CreateInvitationRequest(attribution: .init(), delay_ms: -1))
        #expect(negative?.message.hasPrefix("delay_ms") == true)
        let unknown = await harness.refusal(Feedback.getInvitation, Feedback.GetInvitationRequest(token: "nope"))
        #expect(unknown?.code == .notFound)
        let both = await harness.refusal(
            Feedback.getInvitation, Feedback.GetInvitationRequest(token: "a", invitation_id: "b"))
        #expect(both?.code == .invalidArgument)
        await harness.shutdown()
    }
}

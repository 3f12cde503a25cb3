import Bus
import Contract
import Foundation
import Testing

@testable import FeedbackService

@Suite("Opting out of surveys", .serialized)
struct OptOutTests {
    @Test("a customer who opts out gets no more surveys: those not sent yet and every later one are suppressed")
    func optOutSuppresses() async throws {
        let harness = try await FeedbackHarness()
        try await harness.resolve(FeedbackHarness.resolved("tkt-1", at: harness.clock.nowMs - 25 * 3_600_000))
        let used = try await harness.invitation(forTicket: "tkt-1")
        #expect(used.status == .open)
        let reply = try await harness.call(Feedback.optOut, .init(token: used.token))
        #expect(reply.suppressed == 0)
        // A later contact: its survey is suppressed for the opt-out (which goes before the cap).
        try await harness.resolve(FeedbackHarness.resolved("tkt-2", at: harness.clock.nowMs))
        let later = try await harness.invitation(forTicket: "tkt-2")
        #expect(later.status == .suppressed && later.token == nil)
        #expect(later.suppressed_reason?.hasPrefix("opted out of surveys 20") == true)
        // The link used stays answerable.
        #expect(try await harness.invitation(forTicket: "tkt-1").status == .open)
        // Again: the first time is kept.
        let again = try await harness.call(Feedback.optOut, .init(token: used.token))
        #expect(again.opted_out_at_ms == reply.opted_out_at_ms && again.suppressed == 0)
        #expect(try harness.events("customer.opted_out", as: Feedback.CustomerOptedOut.self).count == 1)
        await harness.shutdown()
    }

    @Test("invitations scheduled before the opt-out are suppressed with it")
    func scheduledSuppressed() async throws {
        var settings = FeedbackSettings()
        settings.frequencyCapMs = 0
        let harness = try await FeedbackHarness(settings: settings)
        try await harness.resolve(FeedbackHarness.resolved("tkt-1", at: harness.clock.nowMs - 25 * 3_600_000))
        try await harness.resolve(FeedbackHarness.resolved("tkt-2", at: harness.clock.nowMs))
        let open = try await harness.invitation(forTicket: "tkt-1")
        #expect(try await harness.invitation(forTicket: "tkt-2").status == .scheduled)
        let reply = try await harness.call(Feedback.optOut, .init(token: open.token))
        #expect(reply.suppressed == 1)
        let second = try await harness.invitation(forTicket: "tkt-2")
        #expect(second.status == .suppressed && second.suppressed_reason?.hasPrefix("opted out") == true)
        let suppressed = try harness.events("invitation.suppressed", as: Feedback.InvitationSuppressed.self)
        #expect(suppressed.map(\.invitation_id) == [second.invitation_id])
        let unknown = await harness.refusal(Feedback.optOut, .init(token: "no-such-token"))
        #expect(unknown?.code == .notFound)
        let missing = await harness.refusal(Feedback.optOut, .init())
        #expect(missing?.code == .invalidArgument && missing?.message.hasPrefix("token") == true)
        await harness.shutdown()
    }
}

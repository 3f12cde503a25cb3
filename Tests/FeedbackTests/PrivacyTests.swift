import Bus
import Contract
import Foundation
import Testing

@testable import FeedbackService

@Suite("Privacy requests in feedback", .serialized)
struct FeedbackPrivacyTests {
    @Test(
        "tickets' customer.erased blanks her names, comments and compliments, suppresses unsent surveys, keeps scores")
    func erasure() async throws {
        var settings = FeedbackSettings()
        settings.frequencyCapMs = 0
        let harness = try await FeedbackHarness(settings: settings)
        let sam = try await harness.employee()
        try await harness.resolve(
            FeedbackHarness.resolved("tkt-1", agent: sam, at: harness.clock.nowMs - 25 * 3_600_000))
        try await harness.resolve(FeedbackHarness.resolved("tkt-2", agent: sam, at: harness.clock.nowMs))
        let open = try await harness.invitation(forTicket: "tkt-1")
        let answer = try await harness.call(
            Feedback.submitResponse,
            .init(token: open.token, score: 10, comment: "Sam saved Anna's wedding album", consent_to_quote: true))
        let responseID = try #require(answer.response?.response_id)
        _ = try await harness.call(
            Feedback.createCompliment, .init(response_id: responseID, customer_display_name: "Anna from Utrecht"))
        let other = try await harness.call(
            Feedback.submitResponse,
            .init(
                score: 9, comment: "Quick and kind", attribution: .init(agent_id: sam, channel: .phone, country: "NL"),
                customer_id: "cus-bram"))

        let before = try await harness.call(Feedback.exportCustomer, .init(customer_id: "cus-anna"))
        #expect(before.invitations.count == 2 && before.invitations.allSatisfy { $0.customer_name == "Anna" })
        #expect(before.responses.map(\.comment) == ["Sam saved Anna's wedding album"])
        #expect(before.compliments.map(\.customer_display_name) == ["Anna U."])
        #expect(before.erased_at_ms == nil)

        try await harness.applyTickets(
            "customer.erased", subject: "cus-anna",
            Tickets.CustomerErased(customer_id: "cus-anna", ticket_ids: ["tkt-1", "tkt-2"], reason: "request 9"))
        let after = try await harness.call(Feedback.exportCustomer, .init(customer_id: "cus-anna"))
        #expect(after.erased_at_ms != nil)
        #expect(after.invitations.allSatisfy { $0.customer_name == nil && $0.customer_handle == nil })
        let unsent = try #require(after.invitations.first { $0.attribution?.ticket_id == "tkt-2" })
        #expect(unsent.status == .suppressed && unsent.suppressed_reason?.hasPrefix("customer erased 20") == true)
        #expect(after.responses.map(\.comment) == [nil] && after.responses.map(\.score) == [10])
        #expect(after.compliments.map(\.text) == [nil] && after.compliments.map(\.customer_display_name) == [nil])
        // The wall shows nothing of hers; another customer's answer is untouched.
        let wall = try await harness.call(Feedback.listComplimentWall, .init()).compliments
        #expect(!wall.contains { $0.text?.contains("Anna") == true || $0.customer_display_name != nil })
        let bram = try await harness.call(Feedback.getResponse, .init(response_id: other.response?.response_id))
        #expect(bram.response?.comment == "Quick and kind")
        let suppressed = try harness.events("invitation.suppressed", as: Feedback.InvitationSuppressed.self)
        #expect(suppressed.map(\.invitation_id) == [unsent.invitation_id])
        await harness.shutdown()
    }
}

import Bus
import Contract
import Foundation
import Testing

@testable import FeedbackService

/// Every detractor gets exactly one Special Care follow-up from the real tickets
/// service, or a FAILED follow-up with its reason; never an endless retry.
@Suite("Closed loop with tickets: one follow-up per detractor", .serialized)
struct ClosedLoopTests {
    @Test("an in-store detractor without a token gets one Special Care follow-up with the contact recorded in store")
    func inStoreWithContact() async throws {
        let world = try await ClosedLoopWorld()
        let answer = try await world.call(
            Feedback.submitResponse,
            .init(
                score: 2, comment: "Nobody helped me at the counter",
                attribution: .init(channel: .inStore, country: "BE", touchpoint: "store-visit"),
                customer_id: "cus-bram", source: .inStore, customer_name: "Bram Peeters",
                customer_handle: "bram@example.be", language: "nl-BE"))
        let responseID = try #require(answer.response?.response_id)
        let followUp = try await world.followUp(responseID, afterPasses: 2)
        #expect(followUp.status == .open, "\(followUp.last_error ?? "")")
        let care = try await world.specialCareTickets()
        #expect(care.count == 1 && care.first?.ticket_id == followUp.follow_up_ticket_id)
        #expect(care.first?.customer?.handle == "bram@example.be" && care.first?.channel == .email)
        #expect(care.first?.product_category == "unspecified" && care.first?.follow_up?.response_id == responseID)
        await world.shutdown()
    }

    @Test("an imported detractor with only a customer id tickets knows gets a follow-up reaching that customer")
    func importedKnownCustomer() async throws {
        let world = try await ClosedLoopWorld()
        let earlier = try await world.ticket(handle: "+31 6 1234 5678", channel: .phone)
        let customerID = try #require(earlier.customer?.customer_id)
        let answer = try await world.call(
            Feedback.submitResponse,
            .init(score: 4, attribution: .init(country: "NL"), customer_id: customerID, source: .other))
        let responseID = try #require(answer.response?.response_id)
        let followUp = try await world.followUp(responseID)
        #expect(followUp.status == .open, "\(followUp.last_error ?? "")")
        let care = try await world.specialCareTickets()
        #expect(care.count == 1 && care.first?.customer?.handle == "+31 6 1234 5678" && care.first?.channel == .phone)
        await world.shutdown()
    }

    @Test("a detractor invited without a product category gets one follow-up, not endless retries")
    func invitationWithoutCategory() async throws {
        let world = try await ClosedLoopWorld()
        let invitation = try await world.call(
            Feedback.createInvitation,
            .init(
                attribution: .init(channel: .chat, country: "NL", touchpoint: "delivery"), customer_id: "cus-anna",
                customer_name: "Anna", customer_handle: "anna@example.nl", language: "nl", delay_ms: 0))
        let answer = try await world.call(
            Feedback.submitResponse, .init(token: invitation.invitation?.token, score: 1, comment: "Too late"))
        let responseID = try #require(answer.response?.response_id)
        let followUp = try await world.followUp(responseID, afterPasses: 3)
        #expect(followUp.status == .open && followUp.attempts == 1, "\(followUp.last_error ?? "")")
        #expect(try await world.specialCareTickets().map { $0.follow_up?.response_id } == [responseID])
        await world.shutdown()
    }

    @Test("an anonymous detractor tickets cannot reach ends FAILED with tickets' reason, listed, and is not retried")
    func anonymousFails() async throws {
        let world = try await ClosedLoopWorld()
        let answer = try await world.call(
            Feedback.submitResponse,
            .init(score: 0, attribution: .init(channel: .inStore, country: "NL"), source: .inStore))
        let responseID = try #require(answer.response?.response_id)
        var followUp = try await world.followUp(responseID)
        #expect(followUp.status == .failed && followUp.attempts == 1 && followUp.failed_at_ms != nil)
        #expect(followUp.last_error?.hasPrefix("INVALID_ARGUMENT: customer.name:") == true, "\(followUp)")
        followUp = try await world.followUp(responseID, afterPasses: 2)
        #expect(followUp.status == .failed && followUp.attempts == 1)
        let failed = try await world.call(Feedback.listFollowUps, .init(statuses: [.failed]))
        #expect(failed.follow_ups.map { $0.response_id } == [responseID])
        let events = world.published.withLock { $0 }.filter { $0.type == "follow_up.failed" }
        #expect(try events.map { try Feedback.FollowUpFailed(wireBytes: $0.payload).reason } == [followUp.last_error])
        #expect(try await world.specialCareTickets().isEmpty)
        await world.shutdown()
    }
}

@Suite("Follow-up retries end", .serialized)
struct FollowUpGiveUpTests {
    @Test("a follow-up that fails every attempt ends FAILED after the configured attempts, with the last error")
    func givesUp() async throws {
        var settings = FeedbackSettings()
        settings.followUpRetryMs = 1
        settings.followUpRetryMaxMs = 1
        settings.followUpMaxAttempts = 3
        let harness = try await FeedbackHarness(settings: settings)
        harness.tickets.up.withLock { $0 = false }
        let reply = try await harness.call(
            Feedback.submitResponse, .init(score: 5, attribution: .init(touchpoint: "delivery"), customer_id: "cus-1"))
        let responseID = try #require(reply.response?.response_id)
        for _ in 0..<6 {
            _ = await harness.app.followUps.deliverDue()
            harness.clock.advance(ms: 10)
        }
        let followUp = try await harness.store.followUp(responseID: responseID)
        #expect(followUp.status == .failed && followUp.attempts == 3)
        #expect(followUp.last_error?.hasPrefix("gave up after 3 attempts; last: UNAVAILABLE") == true)
        #expect(harness.tickets.calls.withLock { $0 }.count == 3)
        await harness.shutdown()
    }
}

import Bus
import Contract
import Foundation
import Testing

@testable import FeedbackService

/// A detractor answer to the invitation of "tkt-1"; returns its response id.
private func detractor(_ harness: FeedbackHarness, score: Int32 = 3) async throws -> String {
    try await harness.resolve(FeedbackHarness.resolved("tkt-1", at: harness.clock.nowMs))
    harness.clock.advance(hours: 25)
    let token = try await harness.invitation(forTicket: "tkt-1").token
    let reply = try await harness.call(
        Feedback.submitResponse,
        Feedback.SubmitResponseRequest(token: token, score: score, comment: "The book arrived torn"))
    return try #require(reply.response?.response_id)
}

@Suite("Closed loop: detractor follow-ups", .serialized)
struct FollowUpTests {
    @Test("a detractor answer records a pending follow-up with it, and tickets is asked exactly once")
    func exactlyOnce() async throws {
        let harness = try await FeedbackHarness()
        let responseID = try await detractor(harness)
        let pending = try await harness.call(Feedback.getFollowUp, Feedback.GetFollowUpRequest(response_id: responseID))
        #expect(pending.follow_up?.status == .pending && pending.follow_up?.original_ticket_id == "tkt-1")
        #expect(pending.follow_up?.score == 3 && pending.follow_up?.attribution?.agent_id == "emp-sam")
        let requested = try harness.events("follow_up.requested", as: Feedback.FollowUpRequested.self)
        #expect(requested.map { $0.response_id } == [responseID])

        #expect(await harness.app.followUps.deliverDue() == 1)
        #expect(await harness.app.followUps.deliverDue() == 0)
        let calls = harness.tickets.calls.withLock { $0 }
        #expect(calls.count == 1 && calls[0].responseID == responseID && calls[0].key == "follow-up-\(responseID)")
        let open = try await harness.call(Feedback.getFollowUp, Feedback.GetFollowUpRequest(response_id: responseID))
        #expect(open.follow_up?.status == .open && open.follow_up?.follow_up_ticket_id == "tkt-care-1")
        #expect(try harness.events("follow_up.opened", as: Feedback.FollowUpOpened.self).count == 1)
        let response = try await harness.call(
            Feedback.getResponse, Feedback.GetResponseRequest(response_id: responseID))
        #expect(response.response?.follow_up?.status == .open)
        await harness.shutdown()
    }

    @Test("promoters and passives open no follow-up; 6 is still a detractor")
    func onlyDetractors() async throws {
        let harness = try await FeedbackHarness()
        for (index, score) in [7, 9, 6].enumerated() {
            _ = try await harness.call(
                Feedback.submitResponse,
                Feedback.SubmitResponseRequest(
                    score: Int32(score), attribution: .init(touchpoint: "delivery"), customer_id: "cus-\(index)"))
        }
        let followUps = try await harness.call(Feedback.listFollowUps, Feedback.ListFollowUpsRequest())
        #expect(followUps.follow_ups.map { $0.score } == [6])
        #expect(await harness.app.followUps.deliverDue() == 1)
        // Without a ticket, tickets gets the response's own attributes.
        #expect(harness.tickets.calls.withLock { $0 }.count == 1)
        await harness.shutdown()
    }

    @Test("while tickets is down the follow-up waits with backoff, is not lost, and opens once when tickets is back")
    func ticketsDown() async throws {
        var settings = FeedbackSettings()
        settings.followUpRetryMs = 1000
        settings.followUpRetryMaxMs = 4000
        let harness = try await FeedbackHarness(settings: settings)
        harness.tickets.up.withLock { $0 = false }
        let responseID = try await detractor(harness)
        #expect(await harness.app.followUps.deliverDue() == 0)
        var followUp = try await harness.store.followUp(responseID: responseID)
        #expect(followUp.status == .pending && followUp.attempts == 1)
        #expect(followUp.last_error?.contains("tickets has no worker") == true)
        // Not due again before the pause is over: no call.
        #expect(await harness.app.followUps.deliverDue() == 0)
        #expect(harness.tickets.calls.withLock { $0 }.count == 1)
        harness.clock.advance(ms: 1000)
        _ = await harness.app.followUps.deliverDue()
        harness.clock.advance(ms: 1000)
        _ = await harness.app.followUps.deliverDue()  // the pause doubled: still waiting
        #expect(harness.tickets.calls.withLock { $0 }.count == 2)
        followUp = try await harness.store.followUp(responseID: responseID)
        #expect(followUp.attempts == 2 && followUp.status == .pending)

        // feedback restarts on the same database: the follow-up is still there.
        await harness.shutdown()
        let restarted = try await FeedbackHarness(settings: settings, database: harness.database)
        restarted.clock.advance(hours: 26)
        #expect(await restarted.app.followUps.deliverDue() == 1)
        #expect(await restarted.app.followUps.deliverDue() == 0)
        let calls = restarted.tickets.calls.withLock { $0 }
        #expect(calls.count == 1 && calls[0].key == "follow-up-\(responseID)")
        followUp = try await restarted.store.followUp(responseID: responseID)
        #expect(followUp.status == .open && followUp.attempts == 3 && followUp.last_error == nil)
        await restarted.shutdown()
    }

    @Test("a reply lost after tickets opened the ticket: the retry, same key, gets the same ticket, not a second")
    func lostReply() async throws {
        let harness = try await FeedbackHarness()
        harness.tickets.loseReply.withLock { $0 = true }
        let responseID = try await detractor(harness)
        #expect(await harness.app.followUps.deliverDue() == 0)
        #expect(try await harness.store.followUp(responseID: responseID).status == .pending)
        harness.tickets.loseReply.withLock { $0 = false }
        harness.clock.advance(ms: 60_000)
        #expect(await harness.app.followUps.deliverDue() == 1)
        #expect(harness.tickets.tickets.withLock { $0 } == [responseID: "tkt-care-1"])
        #expect(Set(harness.tickets.calls.withLock { $0 }.map { $0.key }) == ["follow-up-\(responseID)"])
        #expect(try await harness.store.followUp(responseID: responseID).follow_up_ticket_id == "tkt-care-1")
        #expect(try harness.events("follow_up.opened", as: Feedback.FollowUpOpened.self).count == 1)
        await harness.shutdown()
    }

    @Test("retry pauses double from the first up to the maximum")
    func backoff() {
        var settings = FeedbackSettings()
        settings.followUpRetryMs = 500
        settings.followUpRetryMaxMs = 3000
        #expect((1...6).map { settings.retryDelayMs(afterAttempts: $0) } == [500, 1000, 2000, 3000, 3000, 3000])
    }

    @Test("tickets' own events mark the follow-up opened and, when its ticket is resolved, closed")
    func openedAndClosedByTicketEvents() async throws {
        let harness = try await FeedbackHarness()
        let responseID = try await detractor(harness)
        // tickets opened it (feedback stopped before hearing the reply): the event tells.
        let opened = Tickets.TicketFollowUpOpened(
            ticket_id: "tkt-care-9", response_id: responseID, original_ticket_id: "tkt-1")
        let sequence = harness.ticketSequence.withLock {
            $0 += 1
            return $0
        }
        try await harness.store.apply(
            Event(
                service: "tickets", sequence: sequence, type: "ticket.follow_up_opened",
                occurred_at_ms: harness.clock.nowMs,
                subject_id: "tkt-care-9", payload: try opened.wireBytes()))
        #expect(try await harness.store.followUp(responseID: responseID).status == .open)
        #expect(await harness.app.followUps.deliverDue() == 0)
        #expect(harness.tickets.calls.withLock { $0 }.isEmpty)
        // Special Care resolves the follow-up ticket.
        var resolved = FeedbackHarness.resolved("tkt-care-9", at: harness.clock.nowMs)
        resolved.follow_up_response_id = responseID
        try await harness.resolve(resolved)
        let closed = try await harness.store.followUp(responseID: responseID)
        #expect(
            closed.status == .closed && closed.closed_at_ms == harness.clock.nowMs
                && closed.follow_up_ticket_id == "tkt-care-9")
        #expect(
            try harness.events("follow_up.closed", as: Feedback.FollowUpClosed.self).map { $0.response_id } == [
                responseID
            ])
        let listed = try await harness.call(Feedback.listFollowUps, Feedback.ListFollowUpsRequest(statuses: [.closed]))
        #expect(listed.follow_ups.count == 1)
        await harness.shutdown()
    }
}

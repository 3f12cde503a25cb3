import Bus
import Contract
import Domain
import Foundation
import Synchronization
import TestSupport
import Testing

@Suite("analytics scaled in the compose stack", .serialized, .timeLimit(.minutes(3)))
struct AnalyticsScalingTests {
    @Test("analytics goes from 1 to 3 workers while queries run, one is killed, and no query is lost")
    func scaleAndKill() async throws {
        let stack = try await ComposeHarness(analyticsReplicas: 3)
        do {
            let scenario = try await StackScenario.staffed(stack.client)
            for (number, score) in [10, 9, 4].enumerated() {
                let ticket = try await scenario.chatTicket(
                    "Parcel late", customer: ["Emma Willems", "Bram Dekker", "Lieke Meijer"][number])
                _ = try await stack.client.call(
                    Tickets.resolveTicket,
                    Tickets.ResolveTicketRequest(
                        ticket_id: ticket.ticket_id, resolved_by_id: scenario.agentID, summary: "Sent"))
                let invitation = try await scenario.invitation(ticketID: ticket.ticket_id!)
                _ = try await stack.client.call(
                    Feedback.submitResponse,
                    Feedback.SubmitResponseRequest(token: invitation.token, score: Int32(score)))
            }
            let expected = try await settledNPS(stack.client)

            let tally = QueryTally()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { [client = stack.client] in
                        while !tally.stopped {
                            do {
                                let reply = try await client.call(
                                    Analytics.getNps, Analytics.GetNpsRequest(window: StackScenario.today),
                                    options: .init(timeout: .seconds(3)))
                                tally.record(same: reply.total == expected)
                            } catch {
                                tally.record(failure: "\(error)")
                            }
                        }
                    }
                }
                try await stack.start("analytics-2")
                try await stack.start("analytics-3")
                try await Task.sleep(for: .seconds(1))
                await stack.runner.kill("analytics-1")
                try await Task.sleep(for: .seconds(2))
                tally.stop()
                try await group.waitForAll()
            }
            let result = tally.result
            #expect(result.failed.isEmpty, "failed queries: \(result.failed.prefix(3))")
            #expect(result.differing == 0)
            #expect(result.succeeded > 20)
            let listing = try await stack.client.call(BusAPI.listServices, ListServicesRequest())
            #expect(listing.services.first { $0.name == "analytics" }?.workers == 2)
        } catch {
            Issue.record("\(error)\n--- recent logs ---\n\(stack.recentLog)")
        }
        await stack.shutdown()
    }

    /// The NPS total once analytics counts the three answers: 2 promoters, 1 detractor.
    private func settledNPS(_ client: BusClient) async throws -> Analytics.NpsRow? {
        try await waitUntil("analytics counts the three answers", timeout: .seconds(20)) {
            try await client.call(Analytics.getNps, Analytics.GetNpsRequest(window: StackScenario.today)).total?.n == 3
        }
        let total = try await client.call(Analytics.getNps, Analytics.GetNpsRequest(window: StackScenario.today)).total
        #expect(total?.promoters == 2 && total?.detractors == 1)
        return total
    }
}

/// Counts the queries of the load loop.
private final class QueryTally: Sendable {
    private let state = Mutex<(succeeded: Int, failed: [String], differing: Int, stopped: Bool)>((0, [], 0, false))

    func record(same: Bool) {
        state.withLock {
            $0.succeeded += 1; if !same { $0.differing += 1 }
        }
    }
    func record(failure: String) { state.withLock { $0.failed.append(failure) } }
    func stop() { state.withLock { $0.stopped = true } }
    var stopped: Bool { state.withLock { $0.stopped } }
    var result: (succeeded: Int, failed: [String], differing: Int) {
        state.withLock { ($0.succeeded, $0.failed, $0.differing) }
    }
}

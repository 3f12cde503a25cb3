import Bus
import Contract
import Domain
import Foundation
import TestSupport
import Testing

@testable import TicketsService

@Suite("tickets: goodwill gestures from the agent's budget", .serialized, .timeLimit(.minutes(2)))
struct GestureTests {
    static func euro(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .eur) }

    @Test("a gesture within budget is granted at once, without proof, and logged on ticket and agent")
    func grantsWithinBudget() async throws {
        let harness = try await TicketsHarness()
        let team = try await harness.team("Service experts")
        let agent = try await harness.employee("Gijs de Boer", team: team, budget: 5000)
        let id = try await harness.create(assignee: agent).ticket_id!
        let gesture = try await harness.client.call(
            Tickets.grantGesture,
            .init(ticket_id: id, kind: .gift, amount: Self.euro(2500), description: "Pizza for the long wait")
        ).gesture!
        #expect(gesture.outcome == .granted && gesture.employee_id == agent && gesture.team_id == team)
        #expect(gesture.remaining_budget == Self.euro(2500) && gesture.budget_entry_id != nil)
        #expect(try await harness.get(id).gestures.map(\.gesture_id) == [gesture.gesture_id])
        let budget = try await harness.client.call(Staff.getBudget, .init(employee_id: agent)).budget
        #expect(budget?.remaining == Self.euro(2500))
        let event = try #require(
            try harness.published.payloads("gesture.granted", as: Tickets.GestureGranted.self).first)
        #expect(
            event.agent_id == agent && event.amount == Self.euro(2500) && event.channel == .email
                && event.country == "NL")
        await harness.shutdown()
    }

    @Test("over budget the gesture is refused, recorded with staff's reason, and a team lead may approve it")
    func refusesOverBudget() async throws {
        let harness = try await TicketsHarness()
        let lead = try await harness.employee("Hanna Lead")
        let team = try await harness.client.call(
            Staff.createTeam, .init(name: "Service experts", kind: .serviceExperts, lead_id: lead)
        ).team!.team_id!
        let agent = try await harness.employee("Ivo Peters", team: team, budget: 3000)
        let id = try await harness.create(assignee: agent).ticket_id!
        let refused = try await harness.client.call(
            Tickets.grantGesture,
            .init(ticket_id: id, kind: .service, amount: Self.euro(4500), description: "Hairdresser appointment")
        ).gesture!
        #expect(refused.outcome == .refused && refused.remaining_budget == Self.euro(3000))
        #expect(refused.refusal_reason?.isEmpty == false)
        let recorded = try await harness.get(id).gestures
        #expect(recorded.map(\.outcome) == [.refused])
        let event = try #require(
            try harness.published.payloads("gesture.refused", as: Tickets.GestureRefused.self).first)
        #expect(event.reason == refused.refusal_reason && event.agent_id == agent)
        #expect(
            try await harness.client.call(Staff.getBudget, .init(employee_id: agent)).budget?.remaining
                == Self.euro(3000))
        // The team lead approves it: granted, over budget.
        let approved = try await harness.client.call(
            Tickets.approveGesture, .init(gesture_id: refused.gesture_id, team_lead_id: lead, reason: "Worth it")
        ).gesture!
        #expect(approved.outcome == .granted && approved.approved_by_id == lead)
        #expect(
            try await harness.client.call(Staff.getBudget, .init(employee_id: agent)).budget?.remaining
                == Self.euro(-1500))
        await harness.shutdown()
    }

    @Test("a retried gesture with the same idempotency key never spends twice")
    func retryNeverSpendsTwice() async throws {
        let harness = try await TicketsHarness()
        let agent = try await harness.employee("Jet Kok", budget: 5000)
        let id = try await harness.create(assignee: agent).ticket_id!
        let request = Tickets.GrantGestureRequest(
            ticket_id: id, kind: .voucher, amount: Self.euro(1000), description: "Voucher for the trouble")
        let first = try await harness.client.call(Tickets.grantGesture, request, options: .init(idempotencyKey: "g-1"))
        let retry = try await harness.client.call(Tickets.grantGesture, request, options: .init(idempotencyKey: "g-1"))
        #expect(retry.gesture?.gesture_id == first.gesture?.gesture_id)
        #expect(
            try await harness.client.call(Staff.getBudget, .init(employee_id: agent)).budget?.remaining
                == Self.euro(4000))
        #expect(try await harness.get(id).gestures.count == 1)
        await harness.shutdown()
    }

    @Test("gesture refusals by input: kind, amount, description, granting employee")
    func gestureInput() async throws {
        let harness = try await TicketsHarness()
        let id = try await harness.create().ticket_id!
        let client = harness.client
        func field(_ request: Tickets.GrantGestureRequest) async -> String? {
            await rpcError { _ = try await client.call(Tickets.grantGesture, request) }
                .flatMap { $0.code == .invalidArgument ? String($0.message.prefix { $0 != ":" }) : "\($0.code)" }
        }
        let good = Tickets.GrantGestureRequest(
            ticket_id: id, employee_id: "emp-x", kind: .refund, amount: Self.euro(100), description: "Refund shipping")
        var noKind = good
        noKind.kind = nil
        var zero = good
        zero.amount = Self.euro(0)
        var noDescription = good
        noDescription.description = ""
        var nobody = good
        nobody.employee_id = nil
        #expect(await field(noKind) == "kind")
        #expect(await field(zero) == "amount.minor_units")
        #expect(await field(noDescription) == "description")
        #expect(await field(nobody) == "employee_id")
        var unknown = good
        unknown.employee_id = "emp-unknown"
        #expect(await code { _ = try await client.call(Tickets.grantGesture, unknown) } == .notFound)
        #expect(try await harness.get(id).gestures.isEmpty)
        await harness.shutdown()
    }

    @Test("with staff down a gesture answers UNAVAILABLE and nothing is recorded")
    func staffDown() async throws {
        let harness = try await TicketsHarness(staff: false)
        let id = try await harness.create().ticket_id!
        #expect(
            await code {
                _ = try await harness.client.call(
                    Tickets.grantGesture,
                    .init(
                        ticket_id: id, employee_id: "emp-1", kind: .gift, amount: Self.euro(500), description: "Flowers"
                    ))
            } == .unavailable)
        #expect(try await harness.get(id).gestures.isEmpty)
        #expect(!harness.published.types().contains { $0.hasPrefix("gesture.") })
        await harness.shutdown()
    }
}

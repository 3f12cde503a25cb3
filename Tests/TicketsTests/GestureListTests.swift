import Bus
import Contract
import Domain
import Foundation
import GRDB
import TestSupport
import Testing

@testable import TicketsService

/// A team lead's queue: the gestures over budget waiting for approval, listed by
/// team, and approved in the lead's own name only.
@Suite("tickets: gestures waiting for a lead's approval", .serialized, .timeLimit(.minutes(2)))
struct GestureListTests {
    static func euro(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .eur) }

    /// Two teams with a lead and an agent with €10 each.
    struct Teams {
        let lead: String
        let agent: String
        let team: String
        let otherLead: String
        let otherAgent: String
        let otherTeam: String

        init(_ harness: TicketsHarness) async throws {
            func makeTeam(_ name: String, lead: String) async throws -> String {
                try await harness.client.call(
                    Staff.createTeam, .init(name: name, kind: .serviceExperts, lead_id: lead)
                ).team!.team_id!
            }
            lead = try await harness.employee("Hanna Lead")
            team = try await makeTeam("Service experts", lead: lead)
            agent = try await harness.employee("Ivo Peters", team: team, budget: 1000)
            otherLead = try await harness.employee("Otto Lead")
            otherTeam = try await makeTeam("Social media", lead: otherLead)
            otherAgent = try await harness.employee("Pien Smit", team: otherTeam, budget: 1000)
        }
    }

    /// A gesture of `cents` by the ticket's assignee `agent`.
    static func gesture(_ harness: TicketsHarness, by agent: String, cents: Int64, _ description: String) async throws
        -> Tickets.Gesture
    {
        let id = try await harness.create(assignee: agent).ticket_id!
        return try await harness.client.call(
            Tickets.grantGesture,
            .init(ticket_id: id, kind: .service, amount: euro(cents), description: description)
        ).gesture!
    }

    static func waiting(_ harness: TicketsHarness, team: String) async throws -> [String] {
        try await harness.client.call(Tickets.listGestures, .init(outcome: .refused, team_id: team)).gestures
            .compactMap(\.description)
    }

    @Test("a lead's team's gestures over budget are listed oldest first; an approved one leaves the list")
    func listsWaiting() async throws {
        let harness = try await TicketsHarness()
        let people = try await Teams(harness)
        let first = try await Self.gesture(harness, by: people.agent, cents: 4500, "Hairdresser appointment")
        harness.clock.advance(60)
        _ = try await Self.gesture(harness, by: people.agent, cents: 500, "Flowers")  // within budget
        harness.clock.advance(60)
        _ = try await Self.gesture(harness, by: people.agent, cents: 2500, "Pizza for the long wait")
        _ = try await Self.gesture(harness, by: people.otherAgent, cents: 3000, "Care package")
        #expect(
            try await Self.waiting(harness, team: people.team) == [
                "Hairdresser appointment", "Pizza for the long wait",
            ])
        #expect(try await Self.waiting(harness, team: people.otherTeam) == ["Care package"])
        let granted = try await harness.client.call(
            Tickets.listGestures, .init(outcome: .granted, employee_id: people.agent))
        #expect(granted.gestures.compactMap(\.description) == ["Flowers"])

        _ = try await harness.client.call(
            Tickets.approveGesture, .init(gesture_id: first.gesture_id), options: .init(actor: people.lead))
        #expect(try await Self.waiting(harness, team: people.team) == ["Pizza for the long wait"])

        // A page at a time.
        let page = try await harness.client.call(Tickets.listGestures, .init(team_id: people.team, page_size: 2))
        #expect(page.gestures.count == 2 && page.next_page_token?.isEmpty == false)
        let rest = try await harness.client.call(
            Tickets.listGestures, .init(team_id: people.team, page_size: 2, page_token: page.next_page_token))
        #expect(rest.gestures.map(\.description) == ["Pizza for the long wait"] && rest.next_page_token == nil)
        await harness.shutdown()
    }

    @Test("ApproveGesture approves as the acting employee; another lead's name is refused naming the rule")
    func approvesAsActor() async throws {
        let harness = try await TicketsHarness()
        let people = try await Teams(harness)
        let gesture = try await Self.gesture(harness, by: people.agent, cents: 4500, "Hairdresser appointment")
        let impersonation = await rpcError {
            try await harness.client.call(
                Tickets.approveGesture, .init(gesture_id: gesture.gesture_id, team_lead_id: people.lead),
                options: .init(actor: people.otherLead))
        }
        #expect(impersonation?.code == .permissionDenied)
        #expect(
            impersonation?.message.hasPrefix(
                "an overrun is approved by the approver themself, the lead of the agent's team")
                == true, "\(String(describing: impersonation))")
        let otherTeam = await rpcError {
            try await harness.client.call(
                Tickets.approveGesture, .init(gesture_id: gesture.gesture_id), options: .init(actor: people.otherLead))
        }
        #expect(otherTeam?.code == .permissionDenied && otherTeam?.message.contains("does not lead the team") == true)
        #expect(try await Self.waiting(harness, team: people.team) == ["Hairdresser appointment"])

        let approved = try await harness.client.call(
            Tickets.approveGesture, .init(gesture_id: gesture.gesture_id), options: .init(actor: people.lead)
        ).gesture
        #expect(approved?.outcome == .granted && approved?.approved_by_id == people.lead)
        await harness.shutdown()
    }

    @Test("ListGestures and ApproveGesture name the field they refuse")
    func refusesBadInput() async throws {
        let harness = try await TicketsHarness()
        let client = harness.client
        func field(_ body: () async throws -> Void) async -> String? {
            await rpcError { try await body() }
                .flatMap { $0.code == .invalidArgument ? String($0.message.prefix { $0 != ":" }) : "\($0.code)" }
        }
        #expect(
            await field { _ = try await client.call(Tickets.listGestures, .init(page_token: "nonsense")) }
                == "page_token")
        #expect(
            await field { _ = try await client.call(Tickets.listGestures, .init(employee_id: "no such id!")) }
                == "employee_id")
        #expect(
            await field {
                _ = try await client.call(Tickets.listGestures, .init(team_id: String(repeating: "t", count: 65)))
            }
                == "team_id")
        #expect(
            await field { _ = try await client.call(Tickets.approveGesture, .init(gesture_id: "gst-1")) }
                == "team_lead_id")
        await harness.shutdown()
    }

    // An upgrade of an SQLite file made before the columns existed; PostgreSQL
    // databases start with them.
    @Test(
        "gestures stored before the gesture columns existed are listed by outcome and team after the upgrade",
        .enabled(if: TestBackend.isSQLite))
    func migratesStoredGestures() async throws {
        let harness = try await TicketsHarness()
        let people = try await Teams(harness)
        _ = try await Self.gesture(harness, by: people.agent, cents: 4500, "Hairdresser appointment")
        let path = harness.directory.appendingPathComponent("tickets.sqlite").path
        // The database as the first schema left it: no gesture columns, no record of the upgrade.
        try await DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: """
                    DROP INDEX gesture_by_outcome;
                    ALTER TABLE gesture DROP COLUMN outcome;
                    ALTER TABLE gesture DROP COLUMN employee_id;
                    ALTER TABLE gesture DROP COLUMN team_id;
                    DELETE FROM grdb_migrations WHERE identifier = 'tickets-v2-gesture-columns';
                    """)
        }
        let reopened = try TicketsSQLStore(path: path)
        let filter = GestureFilter(outcome: .refused, teamID: people.team)
        let listed = try await reopened.read { try $0.gestures(matching: filter, offset: 0, limit: 10) }
        #expect(listed.map(\.description) == ["Hairdresser appointment"] && listed.first?.employee_id == people.agent)
        await harness.shutdown()
    }
}

import Bus
import Contract
import Domain
import Foundation
import Testing

@testable import StaffService

@Suite("idempotency and events")
struct IdempotencyTests {
    @Test("a retried create with the same key returns the first result and makes nothing twice")
    func idempotentCreates() async throws {
        try await withStaff { staff in
            let request = Staff.CreateEmployeeRequest(name: "Zoë", email: "zoe@example.nl", status: .active)
            let first = try await staff.call(Staff.createEmployee, request, key: "hire-zoe")
            let retry = try await staff.call(Staff.createEmployee, request, key: "hire-zoe")
            #expect(retry == first)
            #expect(try await staff.call(Staff.listEmployees, .init()).employees.count == 1)
            let team = try await staff.call(Staff.createTeam, .init(name: "T", kind: .other), key: "team-1")
            #expect(try await staff.call(Staff.createTeam, .init(name: "T", kind: .other), key: "team-1") == team)
            let compliment = Staff.GivePeerComplimentRequest(
                from_employee_id: first.employee?.employee_id,
                to_employee_id: (try await staff.employee("Ab")).employee_id,
                text: "thanks")
            let c1 = try await staff.call(Staff.givePeerCompliment, compliment, key: "c-1")
            #expect(try await staff.call(Staff.givePeerCompliment, compliment, key: "c-1") == c1)
            #expect(try await staff.call(Staff.listPeerCompliments, .init()).compliments.count == 1)
            let types = try await staff.events().map(\.type)
            #expect(types == ["employee.created", "team.created", "employee.created", "peer_compliment.given"])
            // A different key makes a new one.
            _ = try await staff.call(Staff.createEmployee, request, key: "hire-zoe-2")
            #expect(try await staff.call(Staff.listEmployees, .init(text: "zoë")).employees.count == 2)
        }
    }

    @Test("events replay in sequence order with payloads that decode, and Health reports the last sequence")
    func eventsInOrder() async throws {
        try await withStaff { staff in
            let team = try await staff.team("Care", kind: .specialCare)
            let agent = try await staff.employee("Ada", team: team.team_id)
            let events = try await staff.events()
            #expect(events.map(\.sequence) == [1, 2, 3])
            #expect(events.map(\.type) == ["team.created", "employee.created", "team.member_added"])
            #expect(try Staff.EmployeeCreated(wireBytes: events[1].payload).employee == agent)
            #expect(events[1].subject_id == agent.employee_id && events[1].service == "staff")
            #expect(try await staff.call(Staff.health, HealthRequest()).last_sequence == 3)
        }
    }
}

import Bus
import Contract
import Testing

@testable import StaffService

@Suite("employees and teams")
struct EmployeeTests {
    @Test("an employee is created as a candidate by default, read back, updated field by field and found by search")
    func createGetUpdateList() async throws {
        try await withStaff { staff in
            let anna = try await staff.call(
                Staff.createEmployee,
                Staff.CreateEmployeeRequest(
                    name: "  Anna de Vries ", email: "anna@example.nl", employer_id: "callcenter-x",
                    country: "NL", start_date: "2026-12-01")
            ).employee!
            #expect(anna.name == "Anna de Vries" && anna.status == .candidate && anna.role == .serviceExpert)
            #expect(anna.employer_kind == .partner && anna.created_at_ms == StaffHarness.start.unixMilliseconds)
            #expect(try await staff.call(Staff.getEmployee, .init(employee_id: anna.employee_id)).employee == anna)

            let updated = try await staff.call(
                Staff.updateEmployee, .init(employee_id: anna.employee_id, phone: "+31 6 1234", site: "porto")
            ).employee!
            #expect(updated.phone == "+31 6 1234" && updated.site == "porto" && updated.name == "Anna de Vries")

            try await staff.employee("Bram", status: .active)
            try await staff.employee("Carla", status: .active, role: .teamLead)
            let search = try await staff.call(Staff.listEmployees, .init(text: "ANNA"))
            #expect(search.employees.map(\.name) == ["Anna de Vries"])
            let active = try await staff.call(Staff.listEmployees, .init(statuses: [.active], page_size: 1))
            #expect(active.employees.map(\.name) == ["Bram"] && active.next_page_token != nil)
            let next = try await staff.call(
                Staff.listEmployees, .init(statuses: [.active], page_size: 1, page_token: active.next_page_token))
            #expect(next.employees.map(\.name) == ["Carla"] && (next.next_page_token ?? "").isEmpty)
            let partners = try await staff.call(Staff.listEmployees, .init(employer_kind: .partner))
            #expect(partners.employees.map(\.name) == ["Anna de Vries"])
        }
    }

    @Test(
        "bad input is refused with INVALID_ARGUMENT naming the field",
        arguments: [
            (Staff.CreateEmployeeRequest(name: "   "), "name"),
            (Staff.CreateEmployeeRequest(email: "a@b.nl"), "name"),
            (Staff.CreateEmployeeRequest(name: "A", email: "not-an-email"), "email"),
            (Staff.CreateEmployeeRequest(name: "A", country: "nl"), "country"),
            (Staff.CreateEmployeeRequest(name: "A", start_date: "2026-13-01"), "start_date"),
            (Staff.CreateEmployeeRequest(name: "A", status: .left), "status"),
            (Staff.CreateEmployeeRequest(name: "A", team_id: "bad id!"), "team_id"),
            (Staff.CreateEmployeeRequest(name: "A", monthly_budget: euros(-1)), "monthly_budget.minor_units"),
        ])
    func invalidEmployee(request: Staff.CreateEmployeeRequest, field: String) async throws {
        try await withStaff { staff in
            await expectRPCError(.invalidArgument, "\(field):") {
                _ = try await staff.call(Staff.createEmployee, request)
            }
            let events = try await staff.events()
            #expect(events.isEmpty)
        }
    }

    @Test("lists sort names regardless of case; search ignores case, and % and _ in it match only themselves")
    func caseAndWildcards() async throws {
        try await withStaff { staff in
            for name in ["bram", "Anna", "Carla", "100% Dirk", "Eva_K"] { try await staff.employee(name) }
            let all = try await staff.call(Staff.listEmployees, .init()).employees.map(\.name)
            #expect(all == ["100% Dirk", "Anna", "bram", "Carla", "Eva_K"])
            #expect(try await staff.call(Staff.listEmployees, .init(text: "BRAM")).employees.map(\.name) == ["bram"])
            #expect(try await staff.call(Staff.listEmployees, .init(text: "%")).employees.map(\.name) == ["100% Dirk"])
            #expect(try await staff.call(Staff.listEmployees, .init(text: "a_k")).employees.map(\.name) == ["Eva_K"])
            for name in ["support", "Billing", "Care"] { _ = try await staff.team(name) }
            let teams = try await staff.call(Staff.listTeams, .init()).teams.map(\.name)
            #expect(teams == ["Billing", "Care", "support"])
        }
    }

    @Test("unknown ids answer NOT_FOUND")
    func unknownIDs() async throws {
        try await withStaff { staff in
            await expectRPCError(.notFound, "emp-nobody") {
                _ = try await staff.call(Staff.getEmployee, .init(employee_id: "emp-nobody"))
            }
            await expectRPCError(.notFound, "team-x") {
                _ = try await staff.call(Staff.createEmployee, .init(name: "A", team_id: "team-x"))
            }
            await expectRPCError(.notFound, "team-x") {
                _ = try await staff.call(Staff.getTeam, .init(team_id: "team-x"))
            }
            await expectRPCError(.notFound) {
                _ = try await staff.call(Staff.updateEmployee, .init(employee_id: "emp-x", name: "B"))
            }
            await expectRPCError(.notFound) { _ = try await staff.call(Staff.getPlan, .init(employee_id: "emp-x")) }
            await expectRPCError(.notFound) { _ = try await staff.call(Staff.getBudget, .init(employee_id: "emp-x")) }
            await expectRPCError(.notFound) { _ = try await staff.call(Staff.getOffer, .init(employee_id: "emp-x")) }
            await expectRPCError(.notFound) { _ = try await staff.call(Staff.acceptOffer, .init(offer_id: "offer-x")) }
            await expectRPCError(.notFound) {
                _ = try await staff.call(Staff.updateGoal, .init(goal_id: "goal-x", title: "T"))
            }
        }
    }

    @Test("a candidate is hired only through HireCandidate, and LEFT is final")
    func statusRules() async throws {
        try await withStaff { staff in
            let candidate = try await staff.employee("Dirk", status: .candidate)
            await expectRPCError(.failedPrecondition, "HireCandidate") {
                _ = try await staff.call(
                    Staff.updateEmployee, .init(employee_id: candidate.employee_id, status: .onboarding))
            }
            let team = try await staff.team("Experts")
            let eva = try await staff.employee("Eva", team: team.team_id)
            let left = try await staff.call(Staff.updateEmployee, .init(employee_id: eva.employee_id, status: .left))
                .employee!
            #expect(left.status == .left && left.left_at_ms != nil && left.team_id == nil)
            #expect(try await staff.call(Staff.getTeam, .init(team_id: team.team_id)).team?.member_count == 0)
            await expectRPCError(.failedPrecondition, "final") {
                _ = try await staff.call(Staff.updateEmployee, .init(employee_id: eva.employee_id, status: .active))
            }
            let updates = try await staff.events().filter { $0.type == "employee.updated" }
            #expect(updates.count == 1)
            #expect(try Staff.EmployeeUpdated(wireBytes: updates[0].payload).previous_status == .active)
        }
    }

    @Test("a member moves between teams: one team at a time, with the team left named in the event")
    func membership() async throws {
        try await withStaff { staff in
            let lead = try await staff.employee("Lotte", role: .teamLead)
            let care = try await staff.team("Special Care", kind: .specialCare, lead: lead.employee_id)
            let social = try await staff.team("Social Media", kind: .socialMedia)
            let finn = try await staff.employee("Finn", team: care.team_id)
            #expect(
                try await staff.call(Staff.getTeam, .init(team_id: care.team_id)).team?.member_ids == [
                    finn.employee_id!
                ])

            let moved = try await staff.call(
                Staff.addTeamMember, .init(team_id: social.team_id, employee_id: finn.employee_id))
            #expect(moved.employee?.team_id == social.team_id && moved.team?.member_count == 1)
            #expect(try await staff.call(Staff.getTeam, .init(team_id: care.team_id)).team?.member_ids == [])
            let added = try await staff.events().filter { $0.type == "team.member_added" }.last!
            let payload = try Staff.TeamMemberAdded(wireBytes: added.payload)
            #expect(payload.previous_team_id == care.team_id && payload.team_id == social.team_id)

            let special = try await staff.call(Staff.listTeams, .init(kind: .specialCare)).teams
            #expect(special.map(\.team_id) == [care.team_id] && special[0].member_ids.isEmpty)
            let renamed = try await staff.call(Staff.updateTeam, .init(team_id: care.team_id, name: "Special Care NL"))
                .team
            #expect(renamed?.name == "Special Care NL" && renamed?.lead_id == lead.employee_id)

            await expectRPCError(.failedPrecondition, "not a member") {
                _ = try await staff.call(
                    Staff.removeTeamMember, .init(team_id: care.team_id, employee_id: finn.employee_id))
            }
            let removed = try await staff.call(
                Staff.removeTeamMember, .init(team_id: social.team_id, employee_id: finn.employee_id))
            #expect(removed.employee?.team_id == nil && removed.team?.member_count == 0)
            await expectRPCError(.invalidArgument, "kind:") {
                _ = try await staff.call(Staff.createTeam, .init(name: "No kind"))
            }
            await expectRPCError(.notFound, "emp-ghost") {
                _ = try await staff.call(Staff.createTeam, .init(name: "X", kind: .other, lead_id: "emp-ghost"))
            }
        }
    }
}

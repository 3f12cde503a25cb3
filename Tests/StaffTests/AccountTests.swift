import Bus
import Contract
import Foundation
import Testing

@testable import StaffService

@Suite("accounts are employees")
struct AccountTests {
    static let password = "correct horse battery"

    @Test("an employee signs in with their e-mail and password, and gets their role and team")
    func signIn() async throws {
        try await withStaff { staff in
            let lead = try await staff.employee("Vera", email: "vera@example.com", role: .teamLead).employee_id!
            let team = try await staff.team("Experts", lead: lead).team_id!
            let agent = try await staff.employee("Wim", email: "Wim@Example.com", team: team).employee_id!
            let before = try await staff.call(Staff.getAccount, .init(employee_id: agent)).account!
            #expect(before.has_password == false && before.active == true)
            _ = try await staff.call(Staff.setPassword, .init(employee_id: agent, password: Self.password))
            let account = try await staff.call(
                Staff.signIn, .init(email: "wim@example.com", password: Self.password)
            ).account!
            #expect(account.employee_id == agent && account.role == .serviceExpert && account.team_id == team)
            #expect(account.has_password == true)
            await expectRPCError(.unauthenticated, "email or password") {
                _ = try await staff.call(Staff.signIn, .init(email: "wim@example.com", password: "wrong horse battery"))
            }
            await expectRPCError(.unauthenticated, "email or password") {
                _ = try await staff.call(Staff.signIn, .init(email: "nobody@example.com", password: Self.password))
            }
        }
    }

    @Test("a password is set by its employee or an operator, never by a colleague, and must be long enough")
    func setPassword() async throws {
        try await withStaff { staff in
            let agent = try await staff.employee("Wim", email: "wim@example.com").employee_id!
            let colleague = try await staff.employee("Noor", email: "noor@example.com").employee_id!
            await expectRPCError(.invalidArgument, "password:") {
                _ = try await staff.call(Staff.setPassword, .init(employee_id: agent, password: "short"))
            }
            await expectRPCError(.permissionDenied, Rights.ownPassword) {
                _ = try await staff.call(
                    Staff.setPassword, .init(employee_id: agent, password: Self.password), as: colleague)
            }
            _ = try await staff.call(Staff.setPassword, .init(employee_id: agent, password: Self.password), as: agent)
            #expect(
                try await staff.call(Staff.signIn, .init(email: "wim@example.com", password: Self.password))
                    .account?.employee_id == agent)
        }
    }

    @Test("a deactivated account no longer signs in; only HR or the director deactivates, and reactivates")
    func deactivate() async throws {
        try await withStaff { staff in
            let agent = try await staff.employee("Wim", email: "wim@example.com").employee_id!
            let hr = try await staff.employee("Hanna", role: .hr).employee_id!
            _ = try await staff.call(Staff.setPassword, .init(employee_id: agent, password: Self.password))
            await expectRPCError(.permissionDenied, Rights.accountManagers) {
                _ = try await staff.call(Staff.setAccountActive, .init(employee_id: hr, active: false), as: agent)
            }
            let off = try await staff.call(
                Staff.setAccountActive, .init(employee_id: agent, active: false), as: hr
            ).account!
            #expect(off.active == false)
            await expectRPCError(.unauthenticated, "email or password") {
                _ = try await staff.call(Staff.signIn, .init(email: "wim@example.com", password: Self.password))
            }
            _ = try await staff.call(Staff.setAccountActive, .init(employee_id: agent, active: true), as: hr)
            #expect(
                try await staff.call(Staff.signIn, .init(email: "wim@example.com", password: Self.password))
                    .account?.active == true)
        }
    }
}

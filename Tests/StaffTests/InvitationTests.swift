import Bus
import Contract
import Foundation
import Testing

@testable import StaffService

@Suite("employees are invited by link")
struct InvitationTests {
    static let password = "correct horse battery"

    @Test("HR invites an employee; the link sets their password once, and they sign in with it")
    func singleUse() async throws {
        try await withStaff { staff in
            let hr = try await staff.employee("Hanna", email: "hanna@example.com", role: .hr).employee_id!
            let agent = try await staff.employee("Wim", email: "wim@example.com").employee_id!
            let reply = try await staff.call(Staff.inviteEmployee, .init(employee_id: agent), as: hr)
            let token = try #require(reply.token)
            #expect(reply.invitation?.invited_by == hr && reply.invitation?.email == "wim@example.com")
            let open = try await staff.call(Staff.getAccountInvitation, .init(token: token)).invitation
            #expect(open?.employee_id == agent && open?.name == "Wim")
            await expectRPCError(.invalidArgument, "password:") {
                _ = try await staff.call(Staff.acceptAccountInvitation, .init(token: token, password: "short"))
            }
            let account = try await staff.call(
                Staff.acceptAccountInvitation, .init(token: token, password: Self.password)
            ).account
            #expect(account?.employee_id == agent && account?.has_password == true)
            #expect(
                try await staff.call(Staff.signIn, .init(email: "wim@example.com", password: Self.password))
                    .account?.employee_id == agent)
            await expectRPCError(.failedPrecondition, "token:", "already used") {
                _ = try await staff.call(
                    Staff.acceptAccountInvitation, .init(token: token, password: "another long password"))
            }
            await expectRPCError(.failedPrecondition, "token:", "already used") {
                _ = try await staff.call(Staff.getAccountInvitation, .init(token: token))
            }
            await expectRPCError(.notFound, "token:") {
                _ = try await staff.call(Staff.getAccountInvitation, .init(token: "not-a-token-we-made"))
            }
        }
    }

    @Test("an invitation expires after its validity (72 hours unless asked), and a newer one replaces it")
    func expiry() async throws {
        try await withStaff { staff in
            let agent = try await staff.employee("Wim", email: "wim@example.com").employee_id!
            let first = try await staff.call(Staff.inviteEmployee, .init(employee_id: agent)).token!
            let second = try await staff.call(Staff.inviteEmployee, .init(employee_id: agent)).token!
            await expectRPCError(.failedPrecondition, "token:", "replaced") {
                _ = try await staff.call(Staff.acceptAccountInvitation, .init(token: first, password: Self.password))
            }
            staff.clock.set(StaffHarness.start.addingTimeInterval(72 * 3600 - 1))
            #expect(try await staff.call(Staff.getAccountInvitation, .init(token: second)).invitation != nil)
            staff.clock.set(StaffHarness.start.addingTimeInterval(72 * 3600))
            await expectRPCError(.failedPrecondition, "token:", "expired") {
                _ = try await staff.call(Staff.acceptAccountInvitation, .init(token: second, password: Self.password))
            }
            #expect(try await staff.call(Staff.getAccount, .init(employee_id: agent)).account?.has_password == false)
            await expectRPCError(.invalidArgument, "valid_hours:") {
                _ = try await staff.call(Staff.inviteEmployee, .init(employee_id: agent, valid_hours: 721))
            }
        }
    }

    @Test("only HR or the director invites; an employee without e-mail or a deactivated account is not invited")
    func whoInvites() async throws {
        try await withStaff { staff in
            let director = try await staff.employee("Dirk", role: .directorOfHappyCustomers).employee_id!
            let lead = try await staff.employee("Vera", email: "vera@example.com", role: .teamLead).employee_id!
            let agent = try await staff.employee("Wim", email: "wim@example.com").employee_id!
            let nameless = try await staff.employee("Noor").employee_id!
            await expectRPCError(.permissionDenied, Rights.inviters) {
                _ = try await staff.call(Staff.inviteEmployee, .init(employee_id: agent), as: lead)
            }
            await expectRPCError(.permissionDenied, Rights.inviters) {
                _ = try await staff.call(Staff.inviteEmployee, .init(employee_id: agent), as: agent)
            }
            #expect(try await staff.call(Staff.inviteEmployee, .init(employee_id: agent), as: director).token != nil)
            await expectRPCError(.failedPrecondition, "employee_id:", "no e-mail") {
                _ = try await staff.call(Staff.inviteEmployee, .init(employee_id: nameless), as: director)
            }
            let open = try await staff.call(Staff.inviteEmployee, .init(employee_id: agent), as: director).token!
            _ = try await staff.call(Staff.setAccountActive, .init(employee_id: agent, active: false), as: director)
            await expectRPCError(.failedPrecondition, "employee_id:", "not active") {
                _ = try await staff.call(Staff.inviteEmployee, .init(employee_id: agent), as: director)
            }
            await expectRPCError(.failedPrecondition, "token:", "not active") {
                _ = try await staff.call(Staff.acceptAccountInvitation, .init(token: open, password: Self.password))
            }
        }
    }

    @Test("staff keeps only a hash of the token: the token is in no stored row")
    func onlyHash() async throws {
        try await withStaff { staff in
            let agent = try await staff.employee("Wim", email: "wim@example.com").employee_id!
            let token = try await staff.call(Staff.inviteEmployee, .init(employee_id: agent)).token!
            let bytes = try await staff.storedBytes()
            #expect(bytes.range(of: Data(token.utf8)) == nil)
            #expect(bytes.range(of: Data(InvitationRules.hash(token).utf8)) != nil)
        }
    }
}

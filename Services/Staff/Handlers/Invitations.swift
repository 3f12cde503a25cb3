import Bus
import Contract
import Foundation
import ServiceKit

extension StaffHandlers {
    // InviteEmployee, GetAccountInvitation, AcceptAccountInvitation (rules:
    // `InvitationRules`; who may invite: `RightsInterceptor`).
    func inviteEmployee(_ request: Staff.InviteEmployeeRequest, _ context: CallContext) async throws
        -> Staff.InviteEmployeeReply
    {
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        let validity = try InvitationRules.validity(hours: request.valid_hours)
        let token = InvitationRules.newToken()
        let tokenHash = InvitationRules.hash(token)
        let invitedBy = context.actor
        // No idempotency key: the ledger would keep the reply, and the reply holds the token.
        let made = try await store.write(method: "InviteEmployee", idempotencyKey: nil) { tx in
            let account = try tx.account(of: tx.existingEmployee(employeeID)).account
            try InvitationRules.checkInvitable(account)
            let invitation = Staff.AccountInvitation(
                invitation_id: NewID.make("inv"), employee_id: employeeID, email: account.email, name: account.name,
                invited_by: invitedBy, created_at_ms: tx.nowMs, expires_at_ms: tx.nowMs + validity)
            try tx.save(invitation, tokenHash: tokenHash)
            return Staff.InviteEmployeeReply(invitation: invitation)
        }
        return Staff.InviteEmployeeReply(invitation: made.invitation, token: token)
    }

    func getAccountInvitation(_ request: Staff.GetAccountInvitationRequest, _ context: CallContext) async throws
        -> Staff.GetAccountInvitationReply
    {
        let tokenHash = InvitationRules.hash(try InvitationRules.token(request.token))
        let stored = try await store.read { try $0.invitation(tokenHash: tokenHash) }
        guard let stored else { throw RPCError(.notFound, "token: no invitation has this token") }
        try InvitationRules.checkOpen(stored, nowMs: Int64((store.now.timeIntervalSince1970 * 1000).rounded()))
        return Staff.GetAccountInvitationReply(invitation: stored.invitation)
    }

    func acceptAccountInvitation(_ request: Staff.AcceptAccountInvitationRequest, _ context: CallContext) async throws
        -> Staff.AcceptAccountInvitationReply
    {
        let token = try InvitationRules.token(request.token)
        let password = try PasswordRules.check(request.password)
        let tokenHash = InvitationRules.hash(token)
        // An unknown or spent token costs no bcrypt hash; the change checks it again.
        _ = try await getAccountInvitation(.init(token: token), context)
        let passwordHash = await passwords.hash(password)
        return try await store.write(method: "AcceptAccountInvitation", idempotencyKey: context.idempotencyKey) { tx in
            guard let stored = try tx.invitation(tokenHash: tokenHash) else {
                throw StoreError.absent("token: no invitation has this token")
            }
            try InvitationRules.checkOpen(stored, nowMs: tx.nowMs)
            let employee = try tx.existingEmployee(stored.invitation.employee_id ?? "")
            let account = try tx.account(of: employee).account
            guard account.active == true else {
                throw Refusal.precondition("token: the account of \(account.employee_id ?? "") is not active")
            }
            try tx.markInvitationUsed(tokenHash: tokenHash)
            try tx.setPasswordHash(passwordHash, employeeID: stored.invitation.employee_id ?? "")
            return Staff.AcceptAccountInvitationReply(account: try tx.account(of: employee).account)
        }
    }
}

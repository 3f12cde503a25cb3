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
        let employee = try Fields.id(request.employee_id, "employee_id")
        let validity = try InvitationRules.validity(hours: request.valid_hours)
        let account = try await store.account(of: employee)
        try InvitationRules.checkInvitable(account)
        let token = InvitationRules.newToken()
        let nowMs = Int64((store.now.timeIntervalSince1970 * 1000).rounded())
        let invitation = Staff.AccountInvitation(
            invitation_id: NewID.make("inv"), employee_id: employee, email: account.email, name: account.name,
            invited_by: context.actor, created_at_ms: nowMs, expires_at_ms: nowMs + validity)
        try await store.saveInvitation(invitation, tokenHash: InvitationRules.hash(token))
        return Staff.InviteEmployeeReply(invitation: invitation, token: token)
    }

    func getAccountInvitation(_ request: Staff.GetAccountInvitationRequest, _ context: CallContext) async throws
        -> Staff.GetAccountInvitationReply
    {
        let token = try InvitationRules.token(request.token)
        guard let stored = try await store.invitation(tokenHash: InvitationRules.hash(token)) else {
            throw RPCError(.notFound, "token: no invitation has this token")
        }
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
        let passwordHash = await PasswordRules.hash(password)
        let account = try await store.acceptInvitation(
            tokenHash: tokenHash, passwordHash: passwordHash, key: context.idempotencyKey
        ) { stored, account, nowMs in
            try InvitationRules.checkOpen(stored, nowMs: nowMs)
            guard account.active == true else {
                throw Refusal.precondition("token: the account of \(account.employee_id ?? "") is not active")
            }
        }
        return Staff.AcceptAccountInvitationReply(account: account)
    }
}

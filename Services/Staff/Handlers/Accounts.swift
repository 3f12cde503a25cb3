import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    // SetPassword, SignIn, GetAccount, SetAccountActive (rights: `RightsInterceptor`).
    func setPassword(_ request: Staff.SetPasswordRequest, _ context: CallContext) async throws
        -> Staff.SetPasswordReply
    {
        let employee = try Fields.id(request.employee_id, "employee_id")
        let password = try PasswordRules.check(request.password)
        // An unknown employee costs no hash.
        _ = try await store.account(of: employee)
        let hash = await passwords.hash(password)
        let account = try await store.write(method: "SetPassword", idempotencyKey: context.idempotencyKey) { tx in
            let found = try tx.existingEmployee(employee)
            try tx.setPasswordHash(hash, employeeID: employee)
            return try tx.account(of: found).account
        }
        return Staff.SetPasswordReply(account: account)
    }

    func signIn(_ request: Staff.SignInRequest, _ context: CallContext) async throws -> Staff.SignInReply {
        let email = try Fields.text(request.email, "email", maxLength: 320)
        let password = try Fields.required(request.password, "password")
        let found = try await store.read { tx in try tx.employee(email: email).map { try tx.account(of: $0) } }
        let matches = await passwords.verify(password, hash: found?.hash)
        guard matches, let account = found?.account, account.active == true else {
            throw RPCError(.unauthenticated, "email or password: no active account matches")
        }
        return Staff.SignInReply(account: account)
    }

    func getAccount(_ request: Staff.GetAccountRequest, _ context: CallContext) async throws -> Staff.GetAccountReply {
        Staff.GetAccountReply(account: try await store.account(of: try Fields.id(request.employee_id, "employee_id")))
    }

    func setAccountActive(_ request: Staff.SetAccountActiveRequest, _ context: CallContext) async throws
        -> Staff.SetAccountActiveReply
    {
        let employee = try Fields.id(request.employee_id, "employee_id")
        let active = try Fields.required(request.active, "active")
        let account = try await store.write(method: "SetAccountActive", idempotencyKey: context.idempotencyKey) { tx in
            let found = try tx.existingEmployee(employee)
            try tx.setDeactivated(!active, employeeID: employee)
            return try tx.account(of: found).account
        }
        return Staff.SetAccountActiveReply(account: account)
    }
}

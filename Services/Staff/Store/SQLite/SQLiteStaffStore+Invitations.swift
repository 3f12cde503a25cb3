import Contract
import Foundation
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    func saveInvitation(_ invitation: Staff.AccountInvitation, tokenHash: String) async throws {
        // No idempotency ledger: it would keep the reply, and the reply holds the token.
        _ = try await write("InviteEmployee", key: nil) { change in
            try change.db.execute(
                sql: "UPDATE account_invitation SET replaced = 1 WHERE employee_id = ? AND used_at_ms IS NULL",
                arguments: [invitation.employee_id])
            try change.db.execute(
                sql: """
                    INSERT INTO account_invitation (token_hash, employee_id, expires_at_ms, body)
                    VALUES (?, ?, ?, ?)
                    """,
                arguments: [tokenHash, invitation.employee_id, invitation.expires_at_ms, try invitation.blob()])
            return invitation
        }
    }

    func invitation(tokenHash: String) async throws -> StoredInvitation? {
        try await readDB { db in try Self.invitation(tokenHash: tokenHash, in: db) }
    }

    func acceptInvitation(
        tokenHash: String, passwordHash: String, key: String?,
        check: @escaping @Sendable (StoredInvitation, Staff.Account, Int64) throws -> Void
    ) async throws -> Staff.Account {
        try await write("AcceptAccountInvitation", key: key) { change in
            guard let stored = try Self.invitation(tokenHash: tokenHash, in: change.db) else {
                throw StoreError.absent("token: no invitation has this token")
            }
            let employee = try Staff.Employee.fetch(stored.invitation.employee_id ?? "", in: change.db)
            try check(stored, Self.account(of: employee, in: change.db).account, change.nowMs)
            try change.db.execute(
                sql: "UPDATE account_invitation SET used_at_ms = ? WHERE token_hash = ?",
                arguments: [change.nowMs, tokenHash])
            try change.db.execute(
                sql: """
                    INSERT INTO account (employee_id, password_hash, deactivated, updated_at_ms) VALUES (?, ?, 0, ?)
                    ON CONFLICT (employee_id) DO UPDATE SET password_hash = excluded.password_hash,
                        updated_at_ms = excluded.updated_at_ms
                    """,
                arguments: [employee.employee_id, passwordHash, change.nowMs])
            return try Self.account(of: employee, in: change.db).account
        }
    }

    private static func invitation(tokenHash: String, in db: Database) throws -> StoredInvitation? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT used_at_ms, replaced, body FROM account_invitation WHERE token_hash = ?",
                arguments: [tokenHash])
        else { return nil }
        return StoredInvitation(
            invitation: try Staff.AccountInvitation(blob: row["body"]), usedAtMs: row["used_at_ms"],
            replaced: (row["replaced"] as Int64? ?? 0) != 0)
    }
}

import Contract

/// An invitation as staff keeps it: what it is for and whether it was used or
/// replaced (`InvitationRules.checkOpen` decides whether it still works).
struct StoredInvitation: Sendable {
    let invitation: Staff.AccountInvitation
    let usedAtMs: Int64?
    /// A newer invitation of the same employee was made.
    let replaced: Bool
}

/// Where staff keeps invitations by link (`SQLiteStaffStore+Invitations.swift`),
/// each under the SHA-256 hash of its token, never the token.
protocol InvitationStore: Sendable {
    /// Stores `invitation` under `tokenHash` and marks the employee's open
    /// invitations replaced, in one change.
    func saveInvitation(_ invitation: Staff.AccountInvitation, tokenHash: String) async throws
    /// The invitation kept under `tokenHash`, or nil.
    func invitation(tokenHash: String) async throws -> StoredInvitation?
    /// In one change: runs `check` on the invitation under `tokenHash` and the
    /// account it is for (it throws to refuse), then stores `passwordHash` as the
    /// employee's password and marks the invitation used, so it works once.
    /// - Throws: `StoreError.absent` for an unknown token; what `check` throws.
    func acceptInvitation(
        tokenHash: String, passwordHash: String, key: String?,
        check: @escaping @Sendable (StoredInvitation, Staff.Account, Int64) throws -> Void
    ) async throws -> Staff.Account
}

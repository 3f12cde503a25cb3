import Contract

/// An invitation as staff keeps it, under the SHA-256 hash of its token, never the
/// token: what it is for and whether it was used or replaced
/// (`InvitationRules.checkOpen` decides whether it still works).
struct StoredInvitation: Sendable {
    let invitation: Staff.AccountInvitation
    let usedAtMs: Int64?
    /// A newer invitation of the same employee was made.
    let replaced: Bool
}

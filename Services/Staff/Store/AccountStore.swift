import Bus
import Contract

/// Where staff keeps how employees sign in: a bcrypt hash of each one's password
/// and whether the account is deactivated (`SQLiteStaffStore+Accounts.swift`).
/// An account is active while it is not deactivated and its employee is neither a
/// candidate nor gone.
protocol AccountStore: Sendable {
    /// The account of an employee (NOT_FOUND for an unknown one); one without a
    /// password yet has `has_password` false.
    func account(of employeeID: String) async throws -> Staff.Account
    /// The account whose employee has `email` (any case) and its password hash, or
    /// nil when no employee has it.
    func credentials(email: String) async throws -> (account: Staff.Account, hash: String?)?
    /// Stores a new password hash.
    func setPasswordHash(_ hash: String, of employeeID: String, key: String?) async throws -> Staff.Account
    /// Deactivates or reactivates an account.
    func setAccountActive(_ active: Bool, of employeeID: String, key: String?) async throws -> Staff.Account
    /// The employee a goal belongs to (NOT_FOUND for an unknown goal), for `Rights`.
    func employeeOfGoal(_ goalID: String) async throws -> String
}

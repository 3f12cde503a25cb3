import Contract
import Domain
import Foundation
import ServiceKit
import Wire

/// Reads and writes of stored records, no rules: the shape tickets and feedback
/// have. The handlers hold the rules and run them inside `write` with what they
/// read there.
protocol StaffTransactions: Sendable {
    /// Runs `body` on a consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StaffReading) throws -> T) async throws -> T
    /// Runs `body` in one transaction with the events it records. With an
    /// idempotency key seen before for `method`, returns the first reply instead.
    func write<Reply: WireMessage>(
        method: String, idempotencyKey: String?, _ body: @escaping @Sendable (any StaffWriting) throws -> Reply
    ) async throws -> Reply
}

/// Queries, inside a read or a write. Listings return up to `page.limit` rows
/// (one more than the page, so `Page.cut` learns whether another follows).
protocol StaffReading {
    // Core values.
    /// In their order (position, then id).
    func coreValues() throws -> [Staff.CoreValue]
    func coreValue(id: String) throws -> Staff.CoreValue?
    /// The position after the last core value (1 when there is none).
    func nextCoreValuePosition() throws -> UInt32

    // Employees and teams.
    func employee(id: String) throws -> Staff.Employee?
    /// The newest employee whose e-mail is `email` (any case).
    func employee(email: String) throws -> Staff.Employee?
    /// Whether someone who took the offer had `email` (any case).
    func rehireBlocked(email: String) throws -> Bool
    /// By name (any case), then id.
    func employees(_ filter: EmployeeFilter, page: Page) throws -> [Staff.Employee]
    /// The team with its member count and members (by name, then id).
    func team(id: String) throws -> Staff.Team?
    /// Whether the team exists.
    func teamExists(id: String) throws -> Bool
    /// By name (any case), then id, each with its member count.
    func teams(_ filter: TeamFilter, page: Page) throws -> [Staff.Team]

    // Hiring and onboarding.
    /// Oldest first.
    func evaluations(candidateID: String) throws -> [Staff.Evaluation]
    /// The training weeks of the employee's onboarding; nil before the hire.
    func trainingWeeks(employeeID: String) throws -> UInt32?
    /// The employee's checklist in its order.
    func onboardingSteps(employeeID: String) throws -> [Staff.OnboardingStep]
    /// The position after the employee's last step (1 when there is none).
    func nextStepPosition(employeeID: String) throws -> UInt32

    // The offer.
    func offer(employeeID: String) throws -> Staff.Offer?
    func offer(id: String) throws -> Staff.Offer?
    /// The offer policy as last set; nil before the first SetOfferPolicy.
    func storedOfferPolicy() throws -> Staff.OfferPolicy?
    /// How many offers made in [fromMs, toMs) have each status.
    func offerCounts(madeFromMs: Int64, toMs: Int64) throws -> [Staff.OfferStatus: UInt32]

    // Plans, one-to-ones and peer compliments.
    /// The employee's plan with its goals (oldest first); empty before the first change.
    func plan(employeeID: String) throws -> Staff.Plan
    func goal(id: String) throws -> Staff.Goal?
    /// Latest held first.
    func oneToOneNotes(employeeID: String, page: Page) throws -> [Staff.OneToOneNote]
    /// Whether the core value exists.
    func coreValueExists(id: String) throws -> Bool
    /// Newest first.
    func peerCompliments(_ filter: PeerComplimentFilter, page: Page) throws -> [Staff.PeerCompliment]

    // The pulse.
    /// Whether `employeeID` answered the pulse for `period` ("YYYY-MM").
    func answeredPulse(employeeID: String, period: String) throws -> Bool
    /// How many answers each score got in the team's period.
    func pulseTally(teamID: String, period: String) throws -> [(score: Int, answers: Int)]

    // The goodwill budget.
    /// The employee's entries of `month` ("YYYY-MM"), oldest first.
    func budgetEntries(employeeID: String, month: String) throws -> [Staff.BudgetEntry]
    /// The entry that paid for `gestureID`, if any.
    func budgetEntry(gestureID: String) throws -> Staff.BudgetEntry?
    /// What the employee's entries of `month` in `currency` add up to.
    func spent(employeeID: String, month: String, currency: Currency) throws -> Money

    // Accounts.
    /// The employee's password hash and whether the account is deactivated; nil
    /// before the first SetPassword or SetAccountActive.
    func credential(employeeID: String) throws -> StoredCredential?
    /// The invitation kept under `tokenHash` (`InvitationRules.hash`), or nil.
    func invitation(tokenHash: String) throws -> StoredInvitation?

    // API tokens (never their secrets: only `ApiTokenRules.hash` of each is kept).
    func apiToken(id: String) throws -> Staff.ApiToken?
    /// The token whose secret hashes to `secretHash`, or nil.
    func apiToken(secretHash: String) throws -> Staff.ApiToken?
    /// Newest first; revoked ones only when `includeRevoked`.
    func apiTokens(includeRevoked: Bool, page: Page) throws -> [Staff.ApiToken]
}

/// Changes, inside a write; each goes with an event (`record`).
protocol StaffWriting: StaffReading {
    /// When the write happens.
    var now: Date { get }
    /// `now` in Unix milliseconds.
    var nowMs: Int64 { get }
    /// Inserts or replaces the core value.
    func save(_ value: Staff.CoreValue) throws
    /// False when there is no core value `id`.
    func deleteCoreValue(id: String) throws -> Bool
    /// Inserts or replaces the employee.
    func save(_ employee: Staff.Employee) throws
    /// Inserts or replaces the team (its members live on the employees).
    func save(_ team: Staff.Team) throws
    func insert(_ evaluation: Staff.Evaluation) throws
    /// Sets the training weeks of the employee's onboarding.
    func setTrainingWeeks(_ weeks: UInt32, employeeID: String) throws
    /// Adds a step (with its id and position) to the employee's checklist.
    func insert(_ step: Staff.OnboardingStep, employeeID: String) throws
    /// Stores a changed step.
    func save(_ step: Staff.OnboardingStep) throws
    /// Inserts or replaces the offer.
    func save(_ offer: Staff.Offer) throws
    /// Replaces the offer policy.
    func save(_ policy: Staff.OfferPolicy) throws
    /// Sets the plan's ambition, updated now.
    func setAmbition(_ ambition: String?, employeeID: String) throws
    /// Inserts or replaces the goal.
    func save(_ goal: Staff.Goal) throws
    func insert(_ note: Staff.OneToOneNote) throws
    func insert(_ compliment: Staff.PeerCompliment) throws
    /// Notes that `employeeID` answered for `period` and raises the team's tally for
    /// `score`, with nothing linking the two.
    func addPulseAnswer(employeeID: String, teamID: String, period: String, score: Int32) throws
    func insert(_ entry: Staff.BudgetEntry) throws
    /// Stores a new password hash.
    func setPasswordHash(_ hash: String, employeeID: String) throws
    /// Deactivates or reactivates the account.
    func setDeactivated(_ deactivated: Bool, employeeID: String) throws
    /// Stores `invitation` under `tokenHash` and marks the employee's open ones replaced.
    func save(_ invitation: Staff.AccountInvitation, tokenHash: String) throws
    /// Marks the invitation under `tokenHash` used now.
    func markInvitationUsed(tokenHash: String) throws
    /// Stores a new API token under the hash of its secret.
    func insert(_ token: Staff.ApiToken, secretHash: String) throws
    /// Stores a changed API token (revoked, or used).
    func save(_ token: Staff.ApiToken) throws
    /// Records event `type` about `subject` in this transaction's outbox.
    func record(_ type: String, subject: String, _ payload: some WireMessage) throws
}

/// How an employee signs in, as stored.
struct StoredCredential: Sendable {
    /// The bcrypt hash; nil before the first SetPassword.
    var passwordHash: String?
    var deactivated: Bool
}

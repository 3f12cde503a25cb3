import Bus
import Contract
import Foundation
import ServiceKit

/// Where the staff service keeps its data: one method per change or question, each
/// change one transaction that also records its events and remembers its reply
/// under the idempotency key. Handlers validate requests first and pass them on
/// checked and trimmed; the store checks what needs the data and throws
/// `StoreError` (an unknown id) or `Refusal` (a rule of `Rules/`), never `RPCError`.
/// `SQLiteStaffStore` (Store/SQLite/) is the one implementation today; a PostgreSQL
/// one can follow behind the same protocol, which names no SQL or GRDB type.
protocol StaffStore: EventLog, AccountStore, InvitationStore, StaffTransactions {
    /// The store's clock (injectable in tests).
    var now: Date { get }
    /// Where months and days begin (budget months, pulse periods, default dates).
    var timeZone: TimeZone { get }

    // Employees and teams.
    func createEmployee(_ request: Staff.CreateEmployeeRequest, key: String?) async throws -> Staff.Employee
    func employee(_ id: String) async throws -> Staff.Employee
    func updateEmployee(_ request: Staff.UpdateEmployeeRequest, key: String?) async throws -> Staff.Employee
    func listEmployees(_ request: Staff.ListEmployeesRequest) async throws -> Staff.ListEmployeesReply
    func createTeam(_ request: Staff.CreateTeamRequest, key: String?) async throws -> Staff.Team
    func team(_ id: String) async throws -> Staff.Team
    func updateTeam(_ request: Staff.UpdateTeamRequest, key: String?) async throws -> Staff.Team
    func listTeams(_ request: Staff.ListTeamsRequest) async throws -> Staff.ListTeamsReply
    func addTeamMember(_ request: Staff.AddTeamMemberRequest, key: String?) async throws -> Staff.AddTeamMemberReply
    func removeTeamMember(
        _ request: Staff.RemoveTeamMemberRequest, key: String?
    ) async throws
        -> Staff.RemoveTeamMemberReply

    // Hiring and onboarding.
    func recordEvaluation(_ request: Staff.RecordEvaluationRequest, key: String?) async throws -> Staff.Evaluation
    func evaluations(of candidateID: String) async throws -> [Staff.Evaluation]
    func hireDecision(for candidateID: String) async throws -> Staff.HireDecision
    /// Hires a CLEAR candidate: ONBOARDING plus the default checklist; otherwise
    /// FAILED_PRECONDITION listing the reasons (or what is missing).
    func hire(_ request: Staff.HireCandidateRequest, key: String?) async throws -> Staff.HireCandidateReply
    func onboarding(of employeeID: String) async throws -> Staff.Onboarding
    func addOnboardingStep(_ request: Staff.AddOnboardingStepRequest, key: String?) async throws -> Staff.Onboarding
    /// Completing the first customer contact moves an ONBOARDING employee to PROBATION.
    func completeOnboardingStep(
        _ request: Staff.CompleteOnboardingStepRequest, key: String?
    ) async throws
        -> Staff.Onboarding

    // The offer.
    /// Only in PROBATION (FAILED_PRECONDITION), once per employee (ALREADY_EXISTS).
    func makeOffer(_ request: Staff.MakeOfferRequest, key: String?) async throws -> Staff.Offer
    func offer(ofEmployee employeeID: String) async throws -> Staff.Offer
    /// The employee leaves for good: LEFT, out of their team, `rehire_blocked`.
    func acceptOffer(_ offerID: String, key: String?) async throws -> Staff.AcceptOfferReply
    func declineOffer(_ offerID: String, key: String?) async throws -> Staff.Offer
    func offerAcceptance(madeFromMs: Int64?, toMs: Int64?) async throws -> Staff.GetOfferAcceptanceRateReply

    // Plans and one-to-ones.
    func plan(of employeeID: String) async throws -> Staff.Plan
    func updatePlan(_ request: Staff.UpdatePlanRequest, key: String?) async throws -> Staff.Plan
    func addGoal(_ request: Staff.AddGoalRequest, key: String?) async throws -> Staff.Goal
    func updateGoal(_ request: Staff.UpdateGoalRequest, key: String?) async throws -> Staff.Goal
    func addGoalProgress(
        _ request: Staff.AddGoalProgressRequest, key: String?
    ) async throws
        -> Staff.AddGoalProgressReply
    func addOneToOneNote(_ request: Staff.AddOneToOneNoteRequest, key: String?) async throws -> Staff.OneToOneNote
    func listOneToOneNotes(_ request: Staff.ListOneToOneNotesRequest) async throws -> Staff.ListOneToOneNotesReply

    // Peer compliments and the pulse.
    func givePeerCompliment(
        _ request: Staff.GivePeerComplimentRequest, key: String?
    ) async throws
        -> Staff.PeerCompliment
    func listPeerCompliments(
        _ request: Staff.ListPeerComplimentsRequest
    ) async throws
        -> Staff.ListPeerComplimentsReply

    // The goodwill budget.
    /// Grants at once within the month's remaining budget; over it FAILED_PRECONDITION
    /// naming the remaining amount, with nothing recorded. A known `gesture_id` returns
    /// its first entry.
    func spendBudget(_ request: Staff.SpendBudgetRequest, key: String?) async throws -> Staff.SpendBudgetReply
    /// A spend past the budget, approved by the employee's team lead or the director
    /// of happy customers (else PERMISSION_DENIED).
    func approveBudgetOverrun(
        _ request: Staff.ApproveBudgetOverrunRequest, key: String?
    ) async throws
        -> Staff.ApproveBudgetOverrunReply
    func budget(of employeeID: String, month: String?) async throws -> Staff.Budget
}

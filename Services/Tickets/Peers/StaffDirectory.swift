import Bus
import Contract
import Domain

/// What tickets asks staff (over the bus, or in memory in tests): employees and teams to validate, the
/// Special Care team to escalate to, budgets for gestures.
///
/// Errors: staff's NOT_FOUND comes back as NOT_FOUND naming the request field;
/// UNAVAILABLE (staff down) and anything else staff says pass through unchanged.
struct StaffDirectory: Sendable {
    /// Staff's typed client, on whatever transport tickets was given.
    let staff: Staff.Client
    /// Budget of each call (see `TicketsSettings.staffTimeout`).
    let timeout: Duration

    init(client: any RPCClient, timeout: Duration) {
        staff = Staff.Client(client)
        self.timeout = timeout
    }

    private func options(idempotencyKey: String? = nil) -> CallOptions {
        CallOptions(timeout: timeout, idempotencyKey: idempotencyKey)
    }

    /// The employee `id`, who has not left (unless `includingLeft`, for history).
    /// - Throws: NOT_FOUND naming `field` when staff does not know them;
    ///   FAILED_PRECONDITION when they left.
    func employee(_ id: String, field: String, includingLeft: Bool = false) async throws -> Staff.Employee {
        let employee: Staff.Employee
        do {
            employee =
                try await staff.getEmployee(Staff.GetEmployeeRequest(employee_id: id), options: options()).employee
                ?? Staff.Employee(employee_id: id)
        } catch let error as RPCError where error.code == .notFound {
            throw RPCError(.notFound, "\(field): staff has no employee '\(id)'")
        }
        if employee.status == .left, !includingLeft {
            throw RPCError(.failedPrecondition, "\(field): employee '\(id)' has left the company")
        }
        return employee
    }

    /// The employer of employee `id` as staff knows it now (also after they left);
    /// nil when staff has no such employee.
    /// - Throws: what staff says other than NOT_FOUND (UNAVAILABLE while it is down).
    func currentEmployer(of id: String) async throws -> String? {
        do {
            return try await staff.getEmployee(Staff.GetEmployeeRequest(employee_id: id), options: options()).employee?
                .employer_id
        } catch let error as RPCError where error.code == .notFound {
            return nil
        }
    }

    /// An employee who may own tickets: trained and working (PROBATION or ACTIVE).
    /// - Throws: NOT_FOUND or FAILED_PRECONDITION naming `field` (see `employee`);
    ///   FAILED_PRECONDITION for a candidate or someone still in onboarding.
    func ticketOwner(_ id: String, field: String) async throws -> Staff.Employee {
        let employee = try await employee(id, field: field)
        switch employee.status {
        case .active?, .probation?: return employee
        case .candidate?: throw RPCError(.failedPrecondition, "\(field): '\(id)' is a candidate, not yet an employee")
        case .onboarding?:
            throw RPCError(.failedPrecondition, "\(field): '\(id)' is still in onboarding and cannot own tickets yet")
        default: throw RPCError(.failedPrecondition, "\(field): '\(id)' cannot own tickets (status unknown)")
        }
    }

    /// The team `id`.
    /// - Throws: NOT_FOUND naming `field` when staff does not know it.
    func team(_ id: String, field: String) async throws -> Staff.Team {
        do {
            return try await staff.getTeam(Staff.GetTeamRequest(team_id: id), options: options()).team
                ?? Staff.Team(team_id: id)
        } catch let error as RPCError where error.code == .notFound {
            throw RPCError(.notFound, "\(field): staff has no team '\(id)'")
        }
    }

    /// The Special Care team (the first of kind SPECIAL_CARE staff lists).
    /// - Throws: FAILED_PRECONDITION when staff has none.
    func specialCareTeam() async throws -> Staff.Team {
        let request = Staff.ListTeamsRequest(kind: .specialCare, page_size: 1)
        let reply = try await staff.listTeams(request, options: options())
        guard let team = reply.teams.first, team.team_id != nil else {
            throw RPCError(
                .failedPrecondition, "staff has no Special Care team (a team of kind SPECIAL_CARE) to escalate to")
        }
        return team
    }

    /// Asks staff to spend `amount` of the employee's budget for a gesture. The
    /// idempotency key is derived from the gesture, so a retry never spends twice.
    /// - Returns: the grant, or the refusal with staff's reason.
    /// - Throws: NOT_FOUND for an unknown employee; what else staff says (UNAVAILABLE).
    func spend(gesture: Tickets.Gesture, reason: String) async throws -> BudgetDecision {
        let gestureID = gesture.gesture_id ?? ""
        let request = Staff.SpendBudgetRequest(
            employee_id: gesture.employee_id, amount: gesture.amount, ticket_id: gesture.ticket_id, reason: reason,
            gesture_id: gestureID)
        do {
            let reply = try await staff.spendBudget(
                request, options: options(idempotencyKey: "tickets-gesture:\(gestureID)"))
            return .granted(entryID: reply.entry?.entry_id, remaining: reply.remaining)
        } catch let error as RPCError where error.code == .failedPrecondition {
            let remaining = try? await staff.getBudget(
                Staff.GetBudgetRequest(employee_id: gesture.employee_id), options: options()
            ).budget?.remaining
            return .refused(reason: error.message, remaining: remaining)
        } catch let error as RPCError where error.code == .notFound {
            throw RPCError(.notFound, "employee_id: staff has no employee '\(gesture.employee_id ?? "")'")
        }
    }

    /// A team lead's approval of a refused gesture.
    /// - Throws: PERMISSION_DENIED when they do not lead the employee's team; what
    ///   else staff says.
    func approveOverrun(gesture: Tickets.Gesture, teamLeadID: String, reason: String?) async throws
        -> Staff.ApproveBudgetOverrunReply
    {
        let gestureID = gesture.gesture_id ?? ""
        let request = Staff.ApproveBudgetOverrunRequest(
            team_lead_id: teamLeadID, employee_id: gesture.employee_id, amount: gesture.amount,
            ticket_id: gesture.ticket_id, reason: reason ?? gesture.description, gesture_id: gestureID)
        do {
            return try await staff.approveBudgetOverrun(
                request, options: options(idempotencyKey: "tickets-approval:\(gestureID)"))
        } catch let error as RPCError where error.code == .notFound {
            throw RPCError(.notFound, "team_lead_id: \(error.message)")
        }
    }
}

/// Staff's answer to a spend.
enum BudgetDecision: Sendable {
    case granted(entryID: String?, remaining: Money?)
    case refused(reason: String, remaining: Money?)
}

import Bus
import Contract

/// Who may do what with people's data, decided by the staff service itself against
/// the acting employee of the call (`CallContext.actor`, set by the web front from
/// the signed-in person). A call without an acting employee is a service's or an
/// operator's and passes. Each refusal is PERMISSION_DENIED naming its rule.
enum Rights {
    /// The rule for one-to-one notes, personal plans, onboarding and the offer.
    static let privateRecords =
        "one-to-ones and plans (onboarding and the offer too) are seen only by the employee, their team lead, HR and the director"
    /// The rule for hiring evaluations.
    static let ownEvaluation = "an evaluation is recorded by the evaluator themself"
    /// The rule for budget overruns.
    static let overrunApprover = "an overrun is approved by the approver themself, the lead of the agent's team"
    /// The rule for passwords.
    static let ownPassword = "a password is set by its employee themself"
    /// The rule for deactivating and reactivating accounts.
    static let accountManagers = "accounts are deactivated and reactivated by HR or the director"
    /// The rule for invitations by link.
    static let inviters = "employees are invited by HR or the director"
    /// The rule for what an employee gives or answers: peer compliments, the pulse.
    static let ownName = "compliments and pulse answers are given in one's own name"
    /// The rule for the hiring pipeline's reads.
    static let hiringPipeline = "the hiring pipeline is seen by HR, team leads and the director"

    /// Whether `actor` may read and write `subject`'s one-to-ones and plan: the
    /// employee, the lead of their team, HR and the director of happy customers.
    /// - Throws: PERMISSION_DENIED naming the rule.
    static func checkPrivateRecords(of subject: Staff.Employee, team: Staff.Team?, actor: Staff.Employee) throws {
        let actorID = actor.employee_id ?? ""
        if actorID == subject.employee_id { return }
        if actor.role == .hr || actor.role == .directorOfHappyCustomers { return }
        if let team, team.lead_id == actorID { return }
        throw denied(privateRecords, "\(actorID) may not see those of \(subject.employee_id ?? "")")
    }

    /// - Throws: PERMISSION_DENIED unless `actor` is `evaluatorID`.
    static func checkEvaluator(_ evaluatorID: String?, actor: String) throws {
        guard evaluatorID == actor else {
            throw denied(ownEvaluation, "\(actor) may not record one as \(evaluatorID ?? "nobody")")
        }
    }

    /// - Throws: PERMISSION_DENIED unless `actor` is the approver named
    ///   (`BudgetRules.checkApprover` then checks that they lead the agent's team).
    static func checkApprover(_ approverID: String?, actor: String) throws {
        guard approverID == actor else {
            throw denied(overrunApprover, "\(actor) may not approve in the name of \(approverID ?? "nobody")")
        }
    }

    /// - Throws: PERMISSION_DENIED unless `actor` is `employeeID`.
    static func checkOwnPassword(_ employeeID: String?, actor: String) throws {
        guard employeeID == actor else {
            throw denied(ownPassword, "\(actor) may not set the password of \(employeeID ?? "nobody")")
        }
    }

    /// - Throws: PERMISSION_DENIED unless `actor` is HR or the director.
    static func checkManagesAccounts(_ actor: Staff.Employee) throws {
        guard actor.role == .hr || actor.role == .directorOfHappyCustomers else {
            throw denied(accountManagers, "\(actor.employee_id ?? "") is neither")
        }
    }

    /// - Throws: PERMISSION_DENIED unless `actor` is HR or the director.
    static func checkInvites(_ actor: Staff.Employee) throws {
        guard actor.role == .hr || actor.role == .directorOfHappyCustomers else {
            throw denied(inviters, "\(actor.employee_id ?? "") is neither")
        }
    }

    /// - Throws: PERMISSION_DENIED unless `actor` is `employeeID`.
    static func checkOwnName(_ employeeID: String?, actor: String) throws {
        guard employeeID == actor else {
            throw denied(ownName, "\(actor) may not act in the name of \(employeeID ?? "nobody")")
        }
    }

    /// - Throws: PERMISSION_DENIED unless `actor` is HR, a team lead or the director.
    static func checkSeesHiring(_ actor: Staff.Employee) throws {
        guard [.hr, .teamLead, .directorOfHappyCustomers].contains(actor.role) else {
            throw denied(hiringPipeline, "\(actor.employee_id ?? "") is none of them")
        }
    }

    /// A refusal whose message starts with the rule.
    static func denied(_ rule: String, _ detail: String) -> RPCError {
        RPCError(.permissionDenied, "\(rule): \(detail)")
    }
}

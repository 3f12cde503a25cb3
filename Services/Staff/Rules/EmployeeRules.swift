import ServiceKit
import Contract

/// What may change on an employee record.
enum EmployeeRules {
    /// A candidate becomes ONBOARDING only through HireCandidate; LEFT is final.
    /// - Throws: FAILED_PRECONDITION explaining the refusal.
    static func checkTransition(from old: Staff.EmployeeStatus, to new: Staff.EmployeeStatus) throws {
        if old == .left {
            throw Refusal.precondition("status: the employee has left; leaving is final")
        }
        if old == .candidate && new != .left {
            throw Refusal.precondition(
                "status: a candidate is hired with HireCandidate, after every evaluation is clear")
        }
        if new == .candidate {
            throw Refusal.precondition("status: an employee cannot become a candidate again")
        }
    }

    /// Someone who took the offer is never hired again.
    /// - Throws: `Refusal.precondition` when `email` is `blocked` (its owner took the offer).
    static func checkHire(email: String, blocked: Bool) throws(Refusal) {
        guard !blocked else {
            throw Refusal.precondition(
                "\(email) took the offer and left; someone who took the offer is never hired again")
        }
    }

    /// - Throws: `Refusal.precondition` when a changed `email` is `blocked`.
    static func checkNewEmail(_ email: String, blocked: Bool) throws(Refusal) {
        guard !blocked else { throw Refusal.precondition("\(email) belongs to someone who took the offer and left") }
    }
}

extension Staff.Employee {
    /// Copies the set fields of `request` except `status` (see `EmployeeRules`).
    mutating func apply(_ request: Staff.UpdateEmployeeRequest) {
        if let value = request.name { name = value }
        if let value = request.email { email = value }
        if let value = request.phone { phone = value }
        if let value = request.employer_id { employer_id = value }
        if let value = request.employer_kind { employer_kind = value }
        if let value = request.site { site = value }
        if let value = request.country { country = value }
        if let value = request.role { role = value }
        if let value = request.start_date { start_date = value }
        if let value = request.monthly_budget { monthly_budget = value }
    }

    /// The status, `.unspecified` when unset.
    var statusOrUnspecified: Staff.EmployeeStatus { status ?? .unspecified }
}

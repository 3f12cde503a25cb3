import Contract
import ServiceKit

/// Who may join or leave a team.
enum TeamRules {
    /// - Throws: `Refusal.precondition` when `employee` has left.
    static func checkCanJoin(_ employee: Staff.Employee) throws(Refusal) {
        guard employee.status != .left else {
            throw Refusal.precondition("\(employee.employee_id ?? "") has left and cannot join a team")
        }
    }

    /// - Throws: `Refusal.precondition` when `employee` is not in `teamID`.
    static func checkMember(_ employee: Staff.Employee, of teamID: String) throws(Refusal) {
        guard employee.team_id == teamID else {
            throw Refusal.precondition("\(employee.employee_id ?? "") is not a member of team \(teamID)")
        }
    }
}

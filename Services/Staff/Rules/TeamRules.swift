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

extension Staff.Team {
    /// Copies the set fields of `request`.
    mutating func apply(_ request: Staff.UpdateTeamRequest) {
        if let value = request.name { name = value }
        if let value = request.kind { kind = value }
        if let value = request.lead_id { lead_id = value }
        if let value = request.site { site = value }
        if let value = request.employer_id { employer_id = value }
        if let value = request.country { country = value }
    }
}

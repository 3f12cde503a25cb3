import Bus
import Contract
import Foundation
import ServiceKit

extension EmployeeFilter {
    /// ListEmployees' filters, checked.
    /// - Throws: INVALID_ARGUMENT naming the field.
    init(_ request: Staff.ListEmployeesRequest) throws {
        self.init(
            text: request.text?.trimmingCharacters(in: .whitespaces),
            teamID: try Fields.optionalID(request.team_id, "team_id"),
            role: try Checks.optionalChoice(request.role, "role"), employerID: request.employer_id,
            employerKind: try Checks.optionalChoice(request.employer_kind, "employer_kind"),
            country: try Checks.country(request.country), site: request.site, statuses: request.statuses)
    }
}

extension TeamFilter {
    /// ListTeams' filters, checked.
    /// - Throws: INVALID_ARGUMENT naming the field.
    init(_ request: Staff.ListTeamsRequest) throws {
        self.init(
            kind: try Checks.optionalChoice(request.kind, "kind"),
            employerID: try Fields.optionalSlug(request.employer_id, "employer_id"),
            country: try Checks.country(request.country))
    }
}

extension PeerComplimentFilter {
    /// ListPeerCompliments' filters, checked.
    /// - Throws: INVALID_ARGUMENT naming the field.
    init(_ request: Staff.ListPeerComplimentsRequest) throws {
        self.init(
            toEmployeeID: try Fields.optionalID(request.to_employee_id, "to_employee_id"),
            fromEmployeeID: try Fields.optionalID(request.from_employee_id, "from_employee_id"),
            teamID: try Fields.optionalID(request.team_id, "team_id"),
            valueID: try Fields.optionalSlug(request.value_id, "value_id"))
    }
}

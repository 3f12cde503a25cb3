import Contract

/// ListEmployees' filters; unset ones match everything.
struct EmployeeFilter: Sendable {
    /// Part of the name or e-mail, any case.
    var text: String?
    var teamID: String?
    var role: Staff.EmployeeRole?
    var employerID: String?
    var employerKind: Staff.EmployerKind?
    var country: String?
    var site: String?
    var statuses: [Staff.EmployeeStatus] = []
}

/// ListTeams' filters; unset ones match everything.
struct TeamFilter: Sendable {
    var kind: Staff.TeamKind?
    var employerID: String?
    var country: String?
}

/// ListPeerCompliments' filters; unset ones match everything.
struct PeerComplimentFilter: Sendable {
    var toEmployeeID: String?
    var fromEmployeeID: String?
    var teamID: String?
    var valueID: String?
}

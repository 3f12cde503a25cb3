import Bus
import Contract
import GRDB
import ServiceKit

extension SQLiteStaffStore {
    func createTeam(_ request: Staff.CreateTeamRequest, key: String?) async throws -> Staff.Team {
        try await write("CreateTeam", key: key) { change in
            if let lead = request.lead_id { _ = try Staff.Employee.fetch(lead, in: change.db, as: "team lead") }
            let team = Staff.Team(
                team_id: NewID.make("team"), name: request.name, kind: request.kind, lead_id: request.lead_id,
                site: request.site, employer_id: request.employer_id, country: request.country, member_count: 0,
                created_at_ms: change.nowMs, updated_at_ms: change.nowMs)
            try team.save(in: change.db)
            try change.record(
                "team.created", subject: try team.team_id.stored("team_id"), Staff.TeamCreated(team: team))
            return team
        }
    }

    func team(_ id: String) async throws -> Staff.Team {
        try await readDB { db in try Staff.Team.fetch(id, in: db) }
    }

    func updateTeam(_ request: Staff.UpdateTeamRequest, key: String?) async throws -> Staff.Team {
        try await write("UpdateTeam", key: key) { change in
            var team = try Staff.Team.fetch(try request.team_id.stored("team_id"), in: change.db)
            if let lead = request.lead_id { _ = try Staff.Employee.fetch(lead, in: change.db, as: "team lead") }
            if let value = request.name { team.name = value }
            if let value = request.kind { team.kind = value }
            if let value = request.lead_id { team.lead_id = value }
            if let value = request.site { team.site = value }
            if let value = request.employer_id { team.employer_id = value }
            if let value = request.country { team.country = value }
            team.updated_at_ms = change.nowMs
            try team.save(in: change.db)
            try change.record(
                "team.updated", subject: try team.team_id.stored("team_id"), Staff.TeamUpdated(team: team))
            return team
        }
    }

    func listTeams(_ request: Staff.ListTeamsRequest) async throws -> Staff.ListTeamsReply {
        let page = try Page(size: request.page_size, token: request.page_token)
        return try await readDB { db in
            var clauses: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let kind = request.kind {
                clauses.append("kind = ?")
                arguments.append(kind.rawValue)
            }
            if let employer = request.employer_id {
                clauses.append("employer_id = ?")
                arguments.append(employer)
            }
            if let country = request.country {
                clauses.append("country = ?")
                arguments.append(country)
            }
            let filter = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
            let rows = try Row.fetchAll(
                db,
                sql: Staff.Team.selectWithCount + filter + " ORDER BY name COLLATE NOCASE, team_id LIMIT ? OFFSET ?",
                arguments: StatementArguments(arguments + [page.limit, page.offset]))
            let cut = page.cut(rows.map(Staff.Team.init(row:)))
            return Staff.ListTeamsReply(teams: cut.rows, next_page_token: cut.next)
        }
    }

    func addTeamMember(_ request: Staff.AddTeamMemberRequest, key: String?) async throws -> Staff.AddTeamMemberReply {
        try await write("AddTeamMember", key: key) { change in
            let teamID = try request.team_id.stored("team_id")
            _ = try Staff.Team.fetch(teamID, in: change.db)
            var employee = try Staff.Employee.fetch(try request.employee_id.stored("employee_id"), in: change.db)
            try TeamRules.checkCanJoin(employee)
            let previous = employee.team_id
            if previous != teamID {
                employee.team_id = teamID
                try change.moved(&employee)
                try change.record(
                    "team.member_added", subject: teamID,
                    Staff.TeamMemberAdded(
                        team_id: teamID, employee_id: employee.employee_id, previous_team_id: previous))
            }
            return Staff.AddTeamMemberReply(team: try Staff.Team.fetch(teamID, in: change.db), employee: employee)
        }
    }

    func removeTeamMember(
        _ request: Staff.RemoveTeamMemberRequest, key: String?
    ) async throws
        -> Staff.RemoveTeamMemberReply
    {
        try await write("RemoveTeamMember", key: key) { change in
            let teamID = try request.team_id.stored("team_id")
            _ = try Staff.Team.fetch(teamID, in: change.db)
            var employee = try Staff.Employee.fetch(try request.employee_id.stored("employee_id"), in: change.db)
            try TeamRules.checkMember(employee, of: teamID)
            employee.team_id = nil
            try change.moved(&employee)
            try change.record(
                "team.member_removed", subject: teamID,
                Staff.TeamMemberRemoved(team_id: teamID, employee_id: employee.employee_id))
            return Staff.RemoveTeamMemberReply(team: try Staff.Team.fetch(teamID, in: change.db), employee: employee)
        }
    }
}

extension Change {
    /// Saves an employee whose team changed and records `employee.updated`.
    mutating func moved(_ employee: inout Staff.Employee) throws {
        employee.updated_at_ms = nowMs
        try employee.save(in: db)
        try record(
            "employee.updated", subject: try employee.employee_id.stored("employee_id"),
            Staff.EmployeeUpdated(employee: employee, previous_status: employee.status))
    }
}

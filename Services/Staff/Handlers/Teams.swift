import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    // CreateTeam, GetTeam, UpdateTeam, ListTeams, AddTeamMember, RemoveTeamMember.
    func createTeam(_ request: Staff.CreateTeamRequest, _ context: CallContext) async throws -> Staff.CreateTeamReply {
        let name = try Fields.text(request.name, "name")
        let kind = try Fields.chosen(request.kind, "kind")
        let leadID = try Fields.optionalID(request.lead_id, "lead_id")
        let site = try Fields.optionalSlug(request.site, "site")
        let employerID = try Fields.optionalSlug(request.employer_id, "employer_id")
        let country = try Checks.country(request.country)
        let team = try await store.write(method: "CreateTeam", idempotencyKey: context.idempotencyKey) { tx in
            if let leadID { _ = try tx.existingEmployee(leadID, as: "team lead") }
            let team = Staff.Team(
                team_id: NewID.make("team"), name: name, kind: kind, lead_id: leadID, site: site,
                employer_id: employerID, country: country, member_count: 0, created_at_ms: tx.nowMs,
                updated_at_ms: tx.nowMs)
            try tx.save(team)
            try tx.record("team.created", subject: try team.team_id.stored("team_id"), Staff.TeamCreated(team: team))
            return team
        }
        return Staff.CreateTeamReply(team: team)
    }

    func getTeam(_ request: Staff.GetTeamRequest, _ context: CallContext) async throws -> Staff.GetTeamReply {
        Staff.GetTeamReply(team: try await store.team(try Fields.id(request.team_id, "team_id")))
    }

    func updateTeam(_ request: Staff.UpdateTeamRequest, _ context: CallContext) async throws -> Staff.UpdateTeamReply {
        var clean = request
        clean.team_id = try Fields.id(request.team_id, "team_id")
        if request.name != nil { clean.name = try Fields.text(request.name, "name") }
        clean.kind = try Checks.optionalChoice(request.kind, "kind")
        if request.lead_id != nil { clean.lead_id = try Fields.id(request.lead_id, "lead_id") }
        if request.site != nil { clean.site = try Fields.optionalSlug(request.site, "site") }
        if request.employer_id != nil {
            clean.employer_id = try Fields.optionalSlug(request.employer_id, "employer_id")
        }
        if request.country != nil { clean.country = try Checks.country(request.country) }
        let team = try await store.write(method: "UpdateTeam", idempotencyKey: context.idempotencyKey) { [clean] tx in
            var team = try tx.existingTeam(try clean.team_id.stored("team_id"))
            if let lead = clean.lead_id { _ = try tx.existingEmployee(lead, as: "team lead") }
            team.apply(clean)
            team.updated_at_ms = tx.nowMs
            try tx.save(team)
            try tx.record("team.updated", subject: try team.team_id.stored("team_id"), Staff.TeamUpdated(team: team))
            return team
        }
        return Staff.UpdateTeamReply(team: team)
    }

    func listTeams(_ request: Staff.ListTeamsRequest, _ context: CallContext) async throws -> Staff.ListTeamsReply {
        let filter = try TeamFilter(request)
        let page = try Page(size: request.page_size, token: request.page_token)
        let cut = page.cut(try await store.read { try $0.teams(filter, page: page) })
        return Staff.ListTeamsReply(teams: cut.rows, next_page_token: cut.next)
    }

    func addTeamMember(_ request: Staff.AddTeamMemberRequest, _ context: CallContext) async throws
        -> Staff.AddTeamMemberReply
    {
        let teamID = try Fields.id(request.team_id, "team_id")
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        return try await store.write(method: "AddTeamMember", idempotencyKey: context.idempotencyKey) { tx in
            _ = try tx.existingTeam(teamID)
            var employee = try tx.existingEmployee(employeeID)
            try TeamRules.checkCanJoin(employee)
            let previous = employee.team_id
            if previous != teamID {
                employee.team_id = teamID
                try tx.moved(&employee)
                try tx.record(
                    "team.member_added", subject: teamID,
                    Staff.TeamMemberAdded(
                        team_id: teamID, employee_id: employee.employee_id, previous_team_id: previous))
            }
            return Staff.AddTeamMemberReply(team: try tx.existingTeam(teamID), employee: employee)
        }
    }

    func removeTeamMember(_ request: Staff.RemoveTeamMemberRequest, _ context: CallContext) async throws
        -> Staff.RemoveTeamMemberReply
    {
        let teamID = try Fields.id(request.team_id, "team_id")
        let employeeID = try Fields.id(request.employee_id, "employee_id")
        return try await store.write(method: "RemoveTeamMember", idempotencyKey: context.idempotencyKey) { tx in
            _ = try tx.existingTeam(teamID)
            var employee = try tx.existingEmployee(employeeID)
            try TeamRules.checkMember(employee, of: teamID)
            employee.team_id = nil
            try tx.moved(&employee)
            try tx.record(
                "team.member_removed", subject: teamID,
                Staff.TeamMemberRemoved(team_id: teamID, employee_id: employee.employee_id))
            return Staff.RemoveTeamMemberReply(team: try tx.existingTeam(teamID), employee: employee)
        }
    }
}

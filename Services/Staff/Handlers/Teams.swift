import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    // CreateTeam, GetTeam, UpdateTeam, ListTeams, AddTeamMember, RemoveTeamMember.
    func createTeam(_ request: Staff.CreateTeamRequest, _ context: CallContext) async throws -> Staff.CreateTeamReply {
        var clean = request
        clean.name = try Fields.text(request.name, "name")
        clean.kind = try Fields.chosen(request.kind, "kind")
        clean.lead_id = try Fields.optionalID(request.lead_id, "lead_id")
        clean.site = try Fields.optionalSlug(request.site, "site")
        clean.employer_id = try Fields.optionalSlug(request.employer_id, "employer_id")
        clean.country = try Checks.country(request.country)
        return Staff.CreateTeamReply(team: try await store.createTeam(clean, key: context.idempotencyKey))
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
        return Staff.UpdateTeamReply(team: try await store.updateTeam(clean, key: context.idempotencyKey))
    }

    func listTeams(_ request: Staff.ListTeamsRequest, _ context: CallContext) async throws -> Staff.ListTeamsReply {
        var clean = request
        clean.kind = try Checks.optionalChoice(request.kind, "kind")
        clean.employer_id = try Fields.optionalSlug(request.employer_id, "employer_id")
        clean.country = try Checks.country(request.country)
        return try await store.listTeams(clean)
    }

    func addTeamMember(_ request: Staff.AddTeamMemberRequest, _ context: CallContext) async throws
        -> Staff.AddTeamMemberReply
    {
        let clean = Staff.AddTeamMemberRequest(
            team_id: try Fields.id(request.team_id, "team_id"),
            employee_id: try Fields.id(request.employee_id, "employee_id"))
        return try await store.addTeamMember(clean, key: context.idempotencyKey)
    }

    func removeTeamMember(_ request: Staff.RemoveTeamMemberRequest, _ context: CallContext) async throws
        -> Staff.RemoveTeamMemberReply
    {
        let clean = Staff.RemoveTeamMemberRequest(
            team_id: try Fields.id(request.team_id, "team_id"),
            employee_id: try Fields.id(request.employee_id, "employee_id"))
        return try await store.removeTeamMember(clean, key: context.idempotencyKey)
    }
}

import Bus
import Contract
import ServiceKit

extension StaffHandlers {
    /// CreateTeam, GetTeam, UpdateTeam, ListTeams, AddTeamMember, RemoveTeamMember.
    static func registerTeams(on router: inout ServiceRouter, store: any StaffStore) {
        router.register(Staff.createTeam) { request, context in
            var clean = request
            clean.name = try Fields.text(request.name, "name")
            clean.kind = try Fields.chosen(request.kind, "kind")
            clean.lead_id = try Fields.optionalID(request.lead_id, "lead_id")
            clean.site = try Fields.optionalSlug(request.site, "site")
            clean.employer_id = try Fields.optionalSlug(request.employer_id, "employer_id")
            clean.country = try Checks.country(request.country)
            return Staff.CreateTeamReply(team: try await store.createTeam(clean, key: context.idempotencyKey))
        }
        router.register(Staff.getTeam) { request, _ in
            Staff.GetTeamReply(team: try await store.team(try Fields.id(request.team_id, "team_id")))
        }
        router.register(Staff.updateTeam) { request, context in
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
        router.register(Staff.listTeams) { request, _ in
            var clean = request
            clean.kind = try Checks.optionalChoice(request.kind, "kind")
            clean.employer_id = try Fields.optionalSlug(request.employer_id, "employer_id")
            clean.country = try Checks.country(request.country)
            return try await store.listTeams(clean)
        }
        router.register(Staff.addTeamMember) { request, context in
            let clean = Staff.AddTeamMemberRequest(
                team_id: try Fields.id(request.team_id, "team_id"),
                employee_id: try Fields.id(request.employee_id, "employee_id"))
            return try await store.addTeamMember(clean, key: context.idempotencyKey)
        }
        router.register(Staff.removeTeamMember) { request, context in
            let clean = Staff.RemoveTeamMemberRequest(
                team_id: try Fields.id(request.team_id, "team_id"),
                employee_id: try Fields.id(request.employee_id, "employee_id"))
            return try await store.removeTeamMember(clean, key: context.idempotencyKey)
        }
    }
}

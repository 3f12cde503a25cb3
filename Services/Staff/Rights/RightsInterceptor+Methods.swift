import Bus
import Contract
import ServiceKit
import Wire

extension RightsInterceptor {
    /// The rule of `method`, if it has one. Ids are checked as the handlers check
    /// them, so a request the rule cannot read is refused the same way.
    func check(_ method: String, _ payload: [UInt8], actor: Staff.Employee) async throws {
        let actorID = actor.employee_id ?? ""
        switch method {
        case Staff.listOneToOneNotes.name:
            try await checkPrivateRecords(
                of: decode(payload, as: Staff.ListOneToOneNotesRequest.self).employee_id, actor)
        case Staff.addOneToOneNote.name:
            try await checkPrivateRecords(of: decode(payload, as: Staff.AddOneToOneNoteRequest.self).employee_id, actor)
        case Staff.getPlan.name:
            try await checkPrivateRecords(of: decode(payload, as: Staff.GetPlanRequest.self).employee_id, actor)
        case Staff.updatePlan.name:
            try await checkPrivateRecords(of: decode(payload, as: Staff.UpdatePlanRequest.self).employee_id, actor)
        case Staff.addGoal.name:
            try await checkPrivateRecords(of: decode(payload, as: Staff.AddGoalRequest.self).employee_id, actor)
        case Staff.updateGoal.name:
            try await checkGoal(decode(payload, as: Staff.UpdateGoalRequest.self).goal_id, actor)
        case Staff.addGoalProgress.name:
            try await checkGoal(decode(payload, as: Staff.AddGoalProgressRequest.self).goal_id, actor)
        case Staff.getOnboarding.name:
            try await checkPrivateRecords(of: decode(payload, as: Staff.GetOnboardingRequest.self).employee_id, actor)
        case Staff.getOffer.name:
            try await checkPrivateRecords(of: decode(payload, as: Staff.GetOfferRequest.self).employee_id, actor)
        case Staff.listEvaluations.name, Staff.getHireDecision.name:
            try Rights.checkSeesHiring(actor)
        case Staff.givePeerCompliment.name:
            try Rights.checkOwnName(
                decode(payload, as: Staff.GivePeerComplimentRequest.self).from_employee_id, actor: actorID)
        case Staff.submitPulse.name:
            try Rights.checkOwnName(decode(payload, as: Staff.SubmitPulseRequest.self).employee_id, actor: actorID)
        case Staff.recordEvaluation.name:
            try Rights.checkEvaluator(
                decode(payload, as: Staff.RecordEvaluationRequest.self).evaluator_id, actor: actorID)
        case Staff.approveBudgetOverrun.name:
            try Rights.checkApprover(
                decode(payload, as: Staff.ApproveBudgetOverrunRequest.self).team_lead_id, actor: actorID)
        case Staff.setPassword.name:
            try Rights.checkOwnPassword(decode(payload, as: Staff.SetPasswordRequest.self).employee_id, actor: actorID)
        case Staff.setAccountActive.name:
            try Rights.checkManagesAccounts(actor)
        case Staff.inviteEmployee.name:
            try Rights.checkInvites(actor)
        case Staff.createApiToken.name, Staff.listApiTokens.name, Staff.revokeApiToken.name:
            try Rights.checkManagesApiTokens(actor)
        case Staff.authenticateApiToken.name:
            try Rights.refuseTokenCheck(actor: actor)
        default:
            return
        }
    }

    private func checkPrivateRecords(of employeeID: String?, _ actor: Staff.Employee) async throws {
        let subject = try await store.employee(try Fields.id(employeeID, "employee_id"))
        var team: Staff.Team?
        if let teamID = subject.team_id { team = try await store.team(teamID) }
        try Rights.checkPrivateRecords(of: subject, team: team, actor: actor)
    }

    private func checkGoal(_ goalID: String?, _ actor: Staff.Employee) async throws {
        let owner = try await store.employeeOfGoal(try Fields.id(goalID, "goal_id"))
        try await checkPrivateRecords(of: owner, actor)
    }

    /// The request, or INVALID_ARGUMENT as the router would answer it.
    private func decode<Request: WireMessage>(_ payload: [UInt8], as type: Request.Type) throws -> Request {
        do { return try Request(wireBytes: payload, maxItems: WireCodec.maxRequestItems) } catch {
            throw RPCError(.invalidArgument, "\(error)")
        }
    }
}

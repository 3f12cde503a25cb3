import Bus
import Contract
import Hummingbird

/// The pages after an answer, both built from the answer feedback stored.
extension SurveyRoutes {
    /// `/s/{token}/thanks`: the thank-you for the stored answer. An unknown link is
    /// 404, an expired or unopened one its refusal, one not answered yet goes back to
    /// the question.
    func thanks(_ request: Request, token: String) async throws -> Response {
        let invitation: Feedback.Invitation
        switch await lookUp(token) {
        case .success(let found): invitation = found
        case .failure(let refusal): return SurveyPages.refusal(refusal, context: PageContext(request))
        }
        let context = PageContext(request, preferred: invitation.language)
        switch invitation.status {
        case .answered:
            switch await storedAnswer(invitation) {
            case .success(let response): return SurveyPages.thanks(response, context: context)
            case .failure(let refusal): return SurveyPages.refusal(refusal, context: context)
            }
        case .open: return Response.redirect(to: "/s/\(token)", type: .normal)
        default: return SurveyPages.refusal(Self.refusal(for: invitation.status) ?? .unknown, context: context)
        }
    }

    /// "You already answered", with the answer feedback stored.
    func alreadyAnswered(_ invitation: Feedback.Invitation, context: PageContext) async -> Response {
        switch await storedAnswer(invitation) {
        case .success(let response): return SurveyPages.alreadyAnswered(response, context: context)
        case .failure(let refusal): return SurveyPages.refusal(refusal == .unknown ? .used : refusal, context: context)
        }
    }

    /// The response that answered `invitation`.
    func storedAnswer(_ invitation: Feedback.Invitation) async -> Result<Feedback.SurveyResponse, SurveyPages.Refusal> {
        guard let id = invitation.response_id, !id.isEmpty else { return .failure(.unknown) }
        do {
            let reply = try await client.call(
                Feedback.getResponse, .init(response_id: id), options: .init(timeout: settings.callTimeout))
            guard let response = reply.response else { return .failure(.unknown) }
            return .success(response)
        } catch let error as RPCError {
            return .failure(Self.refusal(for: error))
        } catch {
            return .failure(.unavailable)
        }
    }
}

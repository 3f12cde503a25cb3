import Bus
import Contract
import Hummingbird

/// `/s/{token}/opt-out`: the customer stops further surveys. The GET only asks (a
/// mail scanner that opens links changes nothing); the POST, from the page's button
/// or a mail program's one-click List-Unsubscribe (RFC 8058), calls feedback's
/// `OptOut`. The token is the only credential, as for the survey itself.
extension SurveyRoutes {
    func registerOptOut(on router: Router<WebRequestContext>) {
        router.get("/s/:token/opt-out") { request, context in
            try await optOut(request, token: context.parameters.get("token") ?? "", confirm: false)
        }
        router.post("/s/:token/opt-out") { request, context in
            try await optOut(request, token: context.parameters.get("token") ?? "", confirm: true)
        }
    }

    private func optOut(_ request: Request, token: String, confirm: Bool) async throws -> Response {
        let invitation: Feedback.Invitation
        switch await lookUp(token) {
        case .success(let found): invitation = found
        case .failure(let refusal): return SurveyPages.refusal(refusal, context: PageContext(request))
        }
        let context = PageContext(request, preferred: invitation.language)
        let t = context.t
        guard confirm else {
            return HTML.page(
                "opt-out",
                [
                    "heading": t["opt_out_title"], "paragraphs": [t["opt_out_ask"]], "ask": true,
                    "action": "/s/\(token)/opt-out", "button": t["opt_out_button"],
                ], title: t["opt_out_title"], context: context)
        }
        do {
            _ = try await client.call(
                Feedback.optOut, .init(token: token), options: .init(timeout: settings.callTimeout))
        } catch let error as RPCError {
            return SurveyPages.refusal(Self.refusal(for: error), context: context)
        }
        var values: [String: Any] = ["heading": t["opt_out_done_title"], "paragraphs": [t["opt_out_done"]]]
        if invitation.status == .open { values["link"] = ["href": "/s/\(token)", "text": t["opt_out_answer_anyway"]] }
        return HTML.page("opt-out", values, title: t["opt_out_done_title"], context: context)
    }
}

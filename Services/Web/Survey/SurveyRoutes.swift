import Bus
import Contract
import Foundation
import Hummingbird

/// `/s/{token}`: the survey a customer reaches from the link after a contact. It
/// needs only the token; its CSRF token is bound to the visitor cookie and the survey
/// token. Answers go to feedback's `SubmitResponse`; the thank-you page follows a
/// redirect, so reloading it sends nothing twice. Every page after an answer shows
/// the answer feedback stored: a second tab, a stale form or a replayed post of a
/// used link gets "already answered" with it, never a fresh thank-you.
struct SurveyRoutes: Sendable {
    let client: any RPCClient
    let settings: WebSettings

    func register(on router: Router<WebRequestContext>) {
        router.get("/s/:token") { request, context in
            try await show(request, token: context.parameters.get("token") ?? "")
        }
        router.post("/s/:token") { request, context in
            try await submit(request, token: context.parameters.get("token") ?? "")
        }
        router.get("/s/:token/thanks") { request, context in
            try await thanks(request, token: context.parameters.get("token") ?? "")
        }
        registerOptOut(on: router)
    }

    func show(_ request: Request, token: String) async throws -> Response {
        let invitation: Feedback.Invitation
        switch await lookUp(token) {
        case .success(let found): invitation = found
        case .failure(let refusal): return SurveyPages.refusal(refusal, context: PageContext(request))
        }
        let context = PageContext(request, preferred: invitation.language)
        if invitation.status == .answered { return await alreadyAnswered(invitation, context: context) }
        if let refusal = Self.refusal(for: invitation.status) { return SurveyPages.refusal(refusal, context: context) }
        let visitor = settings.sessions.visitor(request)
        let csrf = settings.sessions.csrf("survey:" + token, nonce: visitor.nonce)
        return SurveyPages.question(invitation, token: token, csrf: csrf, context: context).setting(visitor.cookie)
    }

    func submit(_ request: Request, token: String) async throws -> Response {
        let form = try await Form.read(request)
        let nonce = request.cookies[Sessions.visitorCookie]?.value
        let requestContext = PageContext(request)
        guard settings.sessions.checkCSRF(form["csrf"], purpose: "survey:" + token, nonce: nonce) else {
            let t = requestContext.t
            return HTML.message(
                title: t["survey_unchecked_title"], paragraphs: [t["survey_unchecked_text"]],
                link: ("/s/\(token)", t["survey_open_again"]), context: requestContext, status: .forbidden)
        }
        let comment = String((form["comment"] ?? "").prefix(4000))
        let consent = form["consent"] == "yes"
        guard let text = form["score"], let score = Int32(text), (0...10).contains(score) else {
            guard case .success(let invitation) = await lookUp(token) else {
                return SurveyPages.refusal(.unknown, context: requestContext)
            }
            let context = PageContext(request, preferred: invitation.language)
            return SurveyPages.question(
                invitation, token: token, csrf: form["csrf"] ?? "", context: context, comment: comment,
                consent: consent, error: context.t["survey_bad_score"], status: .badRequest)
        }
        let submission = Feedback.SubmitResponseRequest(
            token: token, score: score, comment: comment.isEmpty ? nil : comment, consent_to_quote: consent)
        // No idempotency key: a repeat of this post (another tab, a replay, a retry
        // after a lost reply) must meet ALREADY_EXISTS, not the first reply again.
        do {
            _ = try await client.call(
                Feedback.submitResponse, submission, options: .init(timeout: settings.callTimeout))
        } catch let error as RPCError {
            let refusal = Self.refusal(for: error)
            guard refusal == .used, case .success(let invitation) = await lookUp(token) else {
                return SurveyPages.refusal(refusal, context: requestContext)
            }
            return await alreadyAnswered(invitation, context: PageContext(request, preferred: invitation.language))
        }
        return Response.redirect(to: "/s/\(token)/thanks", type: .normal)
    }

    /// The invitation behind `token`, or why the page cannot show it.
    func lookUp(_ token: String) async -> Result<Feedback.Invitation, SurveyPages.Refusal> {
        guard !token.isEmpty, token.count <= 200 else { return .failure(.unknown) }
        do {
            let reply = try await client.call(
                Feedback.getInvitation, .init(token: token), options: .init(timeout: settings.callTimeout))
            guard let invitation = reply.invitation else { return .failure(.unknown) }
            return .success(invitation)
        } catch let error as RPCError {
            return .failure(Self.refusal(for: error))
        } catch {
            return .failure(.unavailable)
        }
    }

    static func refusal(for status: Feedback.InvitationStatus?) -> SurveyPages.Refusal? {
        switch status {
        case .answered: .used
        case .expired: .expired
        case .scheduled: .notYetOpen
        case .suppressed, .unspecified, .none: .unknown
        case .open: nil
        }
    }

    static func refusal(for error: RPCError) -> SurveyPages.Refusal {
        switch error.code {
        case .alreadyExists: .used
        case .failedPrecondition:
            ["not yet", "scheduled", "opens"].contains { error.message.lowercased().contains($0) }
                ? .notYetOpen : .expired
        case .notFound, .invalidArgument: .unknown
        default: .unavailable
        }
    }
}

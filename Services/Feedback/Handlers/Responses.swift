import Bus
import Contract
import Domain
import ServiceKit

extension FeedbackHandlers {
    // SubmitResponse, ImportResponse, GetResponse, ListResponses, GetFollowUp, ListFollowUps.
    func submitResponse(_ request: Feedback.SubmitResponseRequest, _ context: CallContext) async throws
        -> Feedback.SubmitResponseReply
    {
        let score = try Check.score(request.score)
        var draft = ResponseDraft(
            score: score, comment: try Fields.optionalText(request.comment, "comment", maxLength: 5000),
            consentToQuote: request.consent_to_quote ?? false, themes: try Fields.slugs(request.themes, "themes"),
            customerID: try Fields.optionalID(request.customer_id, "customer_id"), source: .invitation)
        if let token = request.token, !token.isEmpty {
            draft.token = token
        } else {
            draft.attribution = try Check.attribution(try Fields.required(request.attribution, "attribution"))
            draft.source = request.source.flatMap { $0 == .unspecified ? nil : $0 } ?? .web
            draft.customerName = try Fields.optionalText(request.customer_name, "customer_name", maxLength: 200)
            draft.customerHandle = try Fields.optionalText(
                request.customer_handle, "customer_handle", maxLength: 320)
            draft.language = try Fields.optionalText(request.language, "language", maxLength: 35)
            guard draft.source != .invitation else {
                throw RPCError.invalidArgument(field: "source", "INVITATION needs a token")
            }
            if let agent = draft.attribution?.agent_id {
                try await staff.checkEmployee(agent, field: "attribution.agent_id")
            }
        }
        return try await store.write(method: "SubmitResponse", idempotencyKey: context.idempotencyKey) { [draft] tx in
            Feedback.SubmitResponseReply(response: try Self.answer(draft, in: tx))
        }
    }

    func importResponse(_ request: Feedback.ImportResponseRequest, _ context: CallContext) async throws
        -> Feedback.ImportResponseReply
    {
        let externalID = try Fields.text(request.external_id, "external_id", maxLength: 128)
        let answeredAt = try Fields.required(request.answered_at_ms, "answered_at_ms")
        guard answeredAt > 0 else {
            throw RPCError.invalidArgument(
                field: "answered_at_ms", "must be a past Unix time in milliseconds, got \(answeredAt)")
        }
        var draft = ResponseDraft(
            score: try Check.score(request.score),
            comment: try Fields.optionalText(request.comment, "comment", maxLength: 5000),
            consentToQuote: request.consent_to_quote ?? false, themes: try Fields.slugs(request.themes, "themes"),
            attribution: try Check.attribution(try Fields.required(request.attribution, "attribution")),
            customerID: try Fields.optionalID(request.customer_id, "customer_id"), source: .other)
        draft.answeredAtMs = answeredAt
        draft.followUpDone = request.follow_up_done ?? false
        if let agent = draft.attribution?.agent_id {
            try await staff.checkEmployee(agent, field: "attribution.agent_id")
        }
        return try await store.write(method: "ImportResponse", idempotencyKey: "import:\(externalID)") { [draft] tx in
            Feedback.ImportResponseReply(response: try Self.answer(draft, in: tx))
        }
    }

    func getResponse(_ request: Feedback.GetResponseRequest, _ context: CallContext) async throws
        -> Feedback.GetResponseReply
    {
        let id = try Fields.id(try Fields.required(request.response_id, "response_id"), "response_id")
        return Feedback.GetResponseReply(
            response: try await store.read { tx in
                guard let response = try tx.response(id: id) else { throw RPCError.notFound("response", id) }
                return try tx.withFollowUp(response)
            })
    }

    func listResponses(_ request: Feedback.ListResponsesRequest, _ context: CallContext) async throws
        -> Feedback.ListResponsesReply
    {
        try await store.responses(
            AnswerFilter(request), page: try Page(size: request.page_size, token: request.page_token))
    }

    func getFollowUp(_ request: Feedback.GetFollowUpRequest, _ context: CallContext) async throws
        -> Feedback.GetFollowUpReply
    {
        let id = try Fields.required(request.response_id, "response_id")
        return Feedback.GetFollowUpReply(
            follow_up: try await store.read { tx in
                guard let followUp = try tx.followUp(responseID: id) else {
                    throw RPCError(.notFound, "no follow-up for response '\(id)'")
                }
                return followUp
            })
    }

    func listFollowUps(_ request: Feedback.ListFollowUpsRequest, _ context: CallContext) async throws
        -> Feedback.ListFollowUpsReply
    {
        try await store.followUps(
            FollowUpFilter(request), page: try Page(size: request.page_size, token: request.page_token))
    }

    /// Records an answer. With a token: the invitation's frozen attribution, refused
    /// when unknown (NOT_FOUND), used (ALREADY_EXISTS), not sent yet or expired
    /// (FAILED_PRECONDITION). A detractor answer also records a PENDING follow-up in
    /// the same transaction, so the closed loop cannot be lost. An imported answer
    /// keeps its own time, and its follow-up is requested at that time.
    static func answer(_ draft: ResponseDraft, in tx: any FeedbackWriting) throws -> Feedback.SurveyResponse {
        let answeredAt = draft.answeredAtMs ?? tx.nowMs
        try ResponseRules.checkAnsweredAt(answeredAt, nowMs: tx.nowMs)
        var response = Feedback.SurveyResponse(
            response_id: ResponseID.random().rawValue, score: Int32(draft.score.value),
            category: Feedback.NpsCategory(draft.score.category), comment: draft.comment,
            consent_to_quote: draft.consentToQuote, themes_by_hand: false, attribution: draft.attribution,
            customer_id: draft.customerID, source: draft.source, answered_at_ms: answeredAt)
        var language = draft.language
        var customer = Tickets.Customer(
            customer_id: draft.customerID, name: draft.customerName, handle: draft.customerHandle,
            country: draft.attribution?.country, language: draft.language)
        var answered: Feedback.Invitation?
        if let token = draft.token {
            guard let invitation = try tx.invitation(token: token) else { throw RPCError(.notFound, Self.noSurvey) }
            try ResponseRules.checkAnswerable(InvitationRules.asOf(tx.nowMs, invitation))
            response.invitation_id = invitation.invitation_id
            response.attribution = invitation.attribution
            response.customer_id = invitation.customer_id
            response.source = .invitation
            language = invitation.language
            customer = Tickets.Customer(
                customer_id: invitation.customer_id, name: invitation.customer_name,
                handle: invitation.customer_handle, country: invitation.attribution?.country, language: language)
            answered = invitation
        }
        let byRules = ThemeMatching.themes(comment: draft.comment, language: language, rules: try tx.themeRules())
        response.themes = Array(Set(draft.themes + byRules)).sorted()
        try tx.insert(response, language: language, givenThemes: draft.themes)
        if var invitation = answered {
            invitation.status = .answered
            invitation.answered_at_ms = response.answered_at_ms
            invitation.response_id = response.response_id
            try tx.save(invitation)
        }
        try tx.record(
            "response.submitted", subject: try response.response_id.stored("response_id"),
            Feedback.ResponseSubmitted(response))
        if response.category == .detractor, !draft.followUpDone {
            response.follow_up = try Self.requestFollowUp(
                for: response, customer: customer, requestedAtMs: answeredAt, in: tx)
        }
        return response
    }
}

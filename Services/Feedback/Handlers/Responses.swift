import Bus
import Contract
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
        return Feedback.SubmitResponseReply(
            response: try await store.submitResponse(draft, idempotencyKey: context.idempotencyKey))
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
        return Feedback.ImportResponseReply(
            response: try await store.submitResponse(draft, idempotencyKey: "import:\(externalID)"))
    }

    func getResponse(_ request: Feedback.GetResponseRequest, _ context: CallContext) async throws
        -> Feedback.GetResponseReply
    {
        Feedback.GetResponseReply(
            response: try await store.response(
                id: try Fields.id(try Fields.required(request.response_id, "response_id"), "response_id")))
    }

    func listResponses(_ request: Feedback.ListResponsesRequest, _ context: CallContext) async throws
        -> Feedback.ListResponsesReply
    {
        try await store.responses(request, page: try Page(size: request.page_size, token: request.page_token))
    }

    func getFollowUp(_ request: Feedback.GetFollowUpRequest, _ context: CallContext) async throws
        -> Feedback.GetFollowUpReply
    {
        Feedback.GetFollowUpReply(
            follow_up: try await store.followUp(responseID: try Fields.required(request.response_id, "response_id"))
        )
    }

    func listFollowUps(_ request: Feedback.ListFollowUpsRequest, _ context: CallContext) async throws
        -> Feedback.ListFollowUpsReply
    {
        try await store.followUps(request, page: try Page(size: request.page_size, token: request.page_token))
    }
}

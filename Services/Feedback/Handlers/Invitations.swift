import Bus
import Contract
import ServiceKit

extension FeedbackHandlers {
    // CreateInvitation, GetInvitation, ListInvitations.
    func createInvitation(_ request: Feedback.CreateInvitationRequest, _ context: CallContext) async throws
        -> Feedback.CreateInvitationReply
    {
        let attribution = try Check.attribution(try Fields.required(request.attribution, "attribution"))
        if let delay = request.delay_ms, delay < 0 {
            throw RPCError.invalidArgument(field: "delay_ms", "must be 0 or more")
        }
        if let valid = request.valid_for_ms, valid <= 0 {
            throw RPCError.invalidArgument(field: "valid_for_ms", "must be more than 0")
        }
        let draft = InvitationDraft(
            source: .method, attribution: attribution,
            customerID: try Fields.optionalID(request.customer_id, "customer_id"),
            customerName: try Fields.optionalText(request.customer_name, "customer_name", maxLength: 200),
            customerHandle: try Fields.optionalText(request.customer_handle, "customer_handle", maxLength: 320),
            language: try Fields.optionalText(request.language, "language", maxLength: 35),
            delayMs: request.delay_ms, validForMs: request.valid_for_ms)
        if let agent = attribution.agent_id { try await staff.checkEmployee(agent, field: "attribution.agent_id") }
        return Feedback.CreateInvitationReply(
            invitation: try await store.createInvitation(draft, idempotencyKey: context.idempotencyKey))
    }

    func getInvitation(_ request: Feedback.GetInvitationRequest, _ context: CallContext) async throws
        -> Feedback.GetInvitationReply
    {
        switch (
            request.token.flatMap { $0.isEmpty ? nil : $0 }, request.invitation_id.flatMap { $0.isEmpty ? nil : $0 }
        ) {
        case (let token?, nil):
            return Feedback.GetInvitationReply(invitation: try await store.invitation(token: token))
        case (nil, let id?): return Feedback.GetInvitationReply(invitation: try await store.invitation(id: id))
        default: throw RPCError.invalidArgument(field: "token", "set exactly one of token and invitation_id")
        }
    }

    func listInvitations(_ request: Feedback.ListInvitationsRequest, _ context: CallContext) async throws
        -> Feedback.ListInvitationsReply
    {
        try await store.invitations(request, page: try Page(size: request.page_size, token: request.page_token))
    }
}

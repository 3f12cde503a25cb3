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
        let settings = settings
        return try await store.write(method: "CreateInvitation", idempotencyKey: context.idempotencyKey) { tx in
            Feedback.CreateInvitationReply(invitation: try Self.invite(draft, settings: settings, in: tx))
        }
    }

    func getInvitation(_ request: Feedback.GetInvitationRequest, _ context: CallContext) async throws
        -> Feedback.GetInvitationReply
    {
        let now = store.nowMs
        switch (
            request.token.flatMap { $0.isEmpty ? nil : $0 }, request.invitation_id.flatMap { $0.isEmpty ? nil : $0 }
        ) {
        case (let token?, nil):
            guard let invitation = try await store.read({ try $0.invitation(token: token) }) else {
                throw RPCError(.notFound, Self.noSurvey)
            }
            return Feedback.GetInvitationReply(invitation: InvitationRules.asOf(now, invitation))
        case (nil, let id?):
            guard let invitation = try await store.read({ try $0.invitation(id: id) }) else {
                throw RPCError.notFound("invitation", id)
            }
            return Feedback.GetInvitationReply(invitation: InvitationRules.asOf(now, invitation))
        default: throw RPCError.invalidArgument(field: "token", "set exactly one of token and invitation_id")
        }
    }

    func listInvitations(_ request: Feedback.ListInvitationsRequest, _ context: CallContext) async throws
        -> Feedback.ListInvitationsReply
    {
        try await store.invitations(
            InvitationFilter(request), page: try Page(size: request.page_size, token: request.page_token))
    }

    /// OptOut: no more surveys for the customer behind the link; their invitations
    /// not sent yet are SUPPRESSED now (each with `invitation.suppressed`).
    func optOut(_ request: Feedback.OptOutRequest, _ context: CallContext) async throws -> Feedback.OptOutReply {
        let token = try Fields.text(request.token, "token", maxLength: 200)
        guard let invitation = try await store.read({ try $0.invitation(token: token) }) else {
            throw RPCError(.notFound, Self.noSurvey)
        }
        guard let customer = invitation.customer_id, let invitationID = invitation.invitation_id else {
            throw RPCError(.failedPrecondition, "token: this survey names no customer to stop surveying")
        }
        return try await store.write(method: "OptOut", idempotencyKey: nil) { tx in
            if let earlier = try tx.optedOutAtMs(customerID: customer) {
                return Feedback.OptOutReply(opted_out_at_ms: earlier, suppressed: 0)
            }
            try tx.insertOptOut(customerID: customer, atMs: tx.nowMs)
            let suppressed = try Self.suppressScheduled(
                customerID: customer, reason: InvitationRules.optedOutReason(tx.nowMs), except: invitationID, in: tx)
            try tx.record(
                "customer.opted_out", subject: customer,
                Feedback.CustomerOptedOut(
                    customer_id: customer, invitation_id: invitationID, opted_out_at_ms: tx.nowMs,
                    suppressed: suppressed))
            return Feedback.OptOutReply(opted_out_at_ms: tx.nowMs, suppressed: suppressed)
        }
    }

    /// Suppresses the customer's invitations not sent yet (but `except`), each with
    /// `invitation.suppressed`; returns how many.
    static func suppressScheduled(
        customerID: String, reason: String, except: String? = nil, in tx: any FeedbackWriting
    ) throws -> UInt32 {
        let pending = try tx.scheduledInvitations(customerID: customerID, afterMs: tx.nowMs)
            .filter { $0.invitation_id != except }
        for var other in pending {
            other.status = .suppressed
            other.suppressed_reason = reason
            try tx.save(other)
            let id = try other.invitation_id.stored("invitation_id")
            try tx.record(
                "invitation.suppressed", subject: id,
                Feedback.InvitationSuppressed(
                    invitation_id: id, source: other.source, attribution: other.attribution,
                    customer_id: customerID, reason: reason))
        }
        return UInt32(pending.count)
    }

    /// What an unknown survey link answers (NOT_FOUND).
    static var noSurvey: String { "no survey for this link" }

    /// Stores the invitation, SCHEDULED with a fresh token, or SUPPRESSED without
    /// one when the customer was surveyed within the frequency cap; records
    /// `invitation.created` or `invitation.suppressed`. Returns it as of now.
    static func invite(_ draft: InvitationDraft, settings: FeedbackSettings, in tx: any FeedbackWriting) throws
        -> Feedback.Invitation
    {
        var invitation = InvitationRules.scheduled(draft, id: Tokens.id("inv"), settings: settings, nowMs: tx.nowMs)
        let sendAt = try invitation.send_at_ms.stored("send_at_ms")
        let last = try draft.customerID.flatMap { customer in
            try tx.lastSurveyedAtMs(customerID: customer, afterMs: sendAt - settings.frequencyCapMs)
        }
        let optedOut = try draft.customerID.flatMap { try tx.optedOutAtMs(customerID: $0) }
        invitation = InvitationRules.capped(
            invitation, lastSurveyedAtMs: last, optedOutAtMs: optedOut, token: Tokens.surveyToken(),
            settings: settings)
        try tx.insert(invitation)
        let id = try invitation.invitation_id.stored("invitation_id")
        if invitation.status == .suppressed {
            try tx.record(
                "invitation.suppressed", subject: id,
                Feedback.InvitationSuppressed(
                    invitation_id: id, source: draft.source, attribution: draft.attribution,
                    customer_id: draft.customerID, reason: invitation.suppressed_reason))
        } else {
            try tx.record(
                "invitation.created", subject: id,
                Feedback.InvitationCreated(
                    invitation_id: id, source: draft.source, attribution: draft.attribution,
                    customer_id: draft.customerID, send_at_ms: sendAt, expires_at_ms: invitation.expires_at_ms))
        }
        return InvitationRules.asOf(tx.nowMs, invitation)
    }
}

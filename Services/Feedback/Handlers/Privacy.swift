import Bus
import Contract
import ServiceKit

extension FeedbackHandlers {
    /// ExportCustomer: the customer's invitations, answers, compliments and opt-out.
    func exportCustomer(_ request: Feedback.ExportCustomerRequest, _ context: CallContext) async throws
        -> Feedback.ExportCustomerReply
    {
        try PrivacyRequests.checkOperator(context)
        let id = try Fields.text(request.customer_id, "customer_id", maxLength: 64)
        let nowMs = store.nowMs
        let records = try await store.read { try $0.customerRecords(id) }
        return Feedback.ExportCustomerReply(
            customer_id: id, invitations: records.invitations.map { InvitationRules.asOf(nowMs, $0) },
            responses: records.responses, compliments: records.compliments, opted_out_at_ms: records.optedOutAtMs,
            erased_at_ms: records.erasedAtMs)
    }

    /// Erases what feedback holds about a customer (tickets' `customer.erased`): their
    /// name and handle on every invitation, the invitations not sent yet suppressed,
    /// comments and the compliments quoting them blanked. Scores, times and
    /// attribution stay, so the figures do not change.
    static func erase(customerID: String, in tx: any FeedbackWriting) throws {
        _ = try suppressScheduled(customerID: customerID, reason: InvitationRules.erasedReason(tx.nowMs), in: tx)
        let records = try tx.customerRecords(customerID)
        for var invitation in records.invitations
        where invitation.customer_name != nil || invitation.customer_handle != nil {
            invitation.customer_name = nil
            invitation.customer_handle = nil
            try tx.save(invitation)
        }
        try tx.eraseAnswers(customerID: customerID)
        try tx.forgetReplies(
            mentioning: [customerID] + records.invitations.compactMap(\.invitation_id)
                + records.responses.compactMap(\.response_id))
    }
}

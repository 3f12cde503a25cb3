import Bus
import Contract
import ServiceKit

extension ChannelsHandlers {
    /// ListDeliveries: a ticket's deliveries, or all in some states, oldest first.
    func listDeliveries(_ request: Channels.ListDeliveriesRequest, _ context: CallContext) async throws
        -> Channels.ListDeliveriesReply
    {
        let ticketID = try Fields.optionalID(request.ticket_id, "ticket_id")
        let states = request.states.filter { $0 != .unspecified }
        let page = try Page(size: request.page_size, token: request.page_token)
        let rows = try await store.read {
            try $0.deliveries(ticketID: ticketID, states: states, offset: page.offset, limit: page.limit)
        }
        let (deliveries, next) = page.cut(rows)
        return Channels.ListDeliveriesReply(deliveries: deliveries, next_page_token: next)
    }

    /// RetryDelivery: a FAILED delivery queued again, due now, attempts from zero.
    func retryDelivery(_ request: Channels.RetryDeliveryRequest, _ context: CallContext) async throws
        -> Channels.RetryDeliveryReply
    {
        let id = try Fields.text(request.delivery_id, "delivery_id", maxLength: 300)
        guard try await store.read({ try $0.delivery(id: id) }) != nil else {
            throw RPCError(.notFound, "delivery_id: no delivery '\(id)'")
        }
        return try await store.write(method: "RetryDelivery", idempotencyKey: context.idempotencyKey) { tx in
            guard var delivery = try tx.delivery(id: id), delivery.state == .failed else {
                throw Refusal.precondition("delivery_id: '\(id)' has not failed; only a failed delivery is retried")
            }
            delivery.state = .queued
            delivery.attempts = 0
            delivery.due_at_ms = tx.nowMs
            try tx.save(delivery)
            return Channels.RetryDeliveryReply(delivery: delivery)
        }
    }
}

extension ChannelsHandlers {
    /// ListAttachments: the files that came with a ticket's messages.
    func listAttachments(_ request: Channels.ListAttachmentsRequest, _ context: CallContext) async throws
        -> Channels.ListAttachmentsReply
    {
        let ticketID = try Fields.id(request.ticket_id, "ticket_id")
        return Channels.ListAttachmentsReply(
            attachments: try await store.read { try $0.attachments(ticketID: ticketID) })
    }

    /// GetAttachment: one file with its bytes.
    func getAttachment(_ request: Channels.GetAttachmentRequest, _ context: CallContext) async throws
        -> Channels.GetAttachmentReply
    {
        let id = try Fields.text(request.attachment_id, "attachment_id", maxLength: 300)
        guard let (attachment, data) = try await store.read({ try $0.attachment(id: id) }) else {
            throw RPCError(.notFound, "attachment_id: no attachment '\(id)'")
        }
        return Channels.GetAttachmentReply(attachment: attachment, data: [UInt8](data))
    }
}

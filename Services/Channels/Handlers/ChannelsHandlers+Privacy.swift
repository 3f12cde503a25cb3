import Bus
import Contract
import ServiceKit

extension ChannelsHandlers {
    /// ExportTickets: the conversations, deliveries and attachments (with their bytes)
    /// of the tickets named.
    func exportTickets(_ request: Channels.ExportTicketsRequest, _ context: CallContext) async throws
        -> Channels.ExportTicketsReply
    {
        try PrivacyRequests.checkOperator(context)
        guard request.ticket_ids.count <= Self.exportLimit else {
            throw RPCError.invalidArgument(field: "ticket_ids", "at most \(Self.exportLimit) per call")
        }
        let ids = try request.ticket_ids.enumerated().map { index, id in
            try Fields.text(id, "ticket_ids[\(index)]", maxLength: 64)
        }
        return try await store.read { tx in
            var reply = Channels.ExportTicketsReply()
            for id in ids {
                reply.conversations += try tx.conversations(ticketID: id)
                reply.deliveries += try tx.deliveries(ticketID: id, states: [], offset: 0, limit: Int(Int32.max))
                for attachment in try tx.attachments(ticketID: id) {
                    guard let attachmentID = attachment.attachment_id,
                        let (stored, data) = try tx.attachment(id: attachmentID)
                    else { continue }
                    reply.attachments.append(Channels.AttachmentFile(attachment: stored, data: [UInt8](data)))
                }
            }
            return reply
        }
    }

    /// Tickets per ExportTickets call (a customer with more is exported in parts).
    static var exportLimit: Int { 1_000 }
}

import Bus
import Contract
import ServiceKit

extension ChannelsHandlers {
    /// GetConversation: the ticket a conversation's messages go to, so the web
    /// front's chat shows it again after a reload. An unknown conversation is a
    /// reply without a ticket id (no message came in yet), not an error.
    func getConversation(_ request: Channels.GetConversationRequest, _ context: CallContext) async throws
        -> Channels.GetConversationReply
    {
        let channel = try Fields.required(request.channel, "channel")
        let key = try Fields.text(request.conversation_key, "conversation_key", maxLength: 300)
        let ticketID = try await store.read { try $0.conversationTicket(channel: channel, key: key) }
        return Channels.GetConversationReply(ticket_id: ticketID)
    }
}

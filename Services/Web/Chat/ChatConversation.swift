import Bus
import Contract
import Foundation

/// A visitor's chat: its key on the CHAT channel, the ticket channels opened for
/// it (`GetConversation`), and that ticket's lines the customer may see. The
/// ticket id always comes from the visitor's own conversation, never from the
/// browser, so a visitor sees their own conversation only.
struct ChatConversation: Sendable {
    let client: any RPCClient
    let settings: WebSettings
    /// The visitor id from the visitor cookie (`Sessions.visitorID`).
    let visitorID: String

    /// The conversation's key on the CHAT channel.
    var key: String { "chat:" + visitorID }

    /// The conversation's ticket; nil before the first message.
    func ticketID() async throws -> String? {
        let reply = try await client.call(
            Channels.getConversation, .init(channel: .chat, conversation_key: key),
            options: .init(timeout: settings.callTimeout))
        return reply.ticket_id.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The lines of `ticketID` the customer may see.
    func lines(ticketID: String, _ context: PageContext) async throws -> [ChatLine] {
        let reply = try await client.call(
            Tickets.getTicket, .init(ticket_id: ticketID), options: .init(timeout: settings.callTimeout))
        guard let ticket = reply.ticket else { return [] }
        return ChatLine.lines(of: ticket, context, zone: settings.timeZone)
    }

    /// The conversation so far: no lines before the first message.
    func lines(_ context: PageContext) async throws -> [ChatLine] {
        guard let ticketID = try await ticketID() else { return [] }
        return try await lines(ticketID: ticketID, context)
    }

    /// Hands the customer's message to channels as a CHAT message of this
    /// conversation; `messageID` is the widget's id for it, so a message sent twice
    /// (a reconnect, a double tap) is recorded once.
    /// - Returns: the conversation's ticket.
    func send(_ text: String, name: String?, messageID: String, _ context: PageContext) async throws -> String {
        let reply = try await client.call(
            Channels.receiveMessage,
            .init(
                channel: .chat, handle: visitorID, name: name ?? context.t["chat_visitor"],
                language: context.language.rawValue, country: settings.chatCountry, conversation_key: key,
                body: text, external_id: "\(key):\(messageID)"),
            options: .init(timeout: settings.callTimeout))
        return reply.ticket_id ?? ""
    }
}

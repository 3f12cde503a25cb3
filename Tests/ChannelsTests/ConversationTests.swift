import Bus
import Contract
import Domain
import Testing

@testable import ChannelsService

/// GetConversation: the ticket of a conversation, for the web front's chat.
@Suite("channels: conversations", .timeLimit(.minutes(1)))
struct ConversationTests {
    @Test("a chat conversation gives its ticket; one not started yet gives none; another channel's key is apart")
    func conversationTicket() async throws {
        let desk = try await ServiceDesk()
        let none = try await desk.call(
            Channels.getConversation, .init(channel: .chat, conversation_key: "chat:visitor-a"))
        #expect(none.ticket_id == nil)
        let received = try await desk.receive(
            "Where is my order?", channel: .chat, handle: "visitor-a", id: "m-1", conversation: "chat:visitor-a")
        let found = try await desk.call(
            Channels.getConversation, .init(channel: .chat, conversation_key: "chat:visitor-a"))
        #expect(found.ticket_id == received.ticket_id)
        let elsewhere = try await desk.call(
            Channels.getConversation, .init(channel: .whatsApp, conversation_key: "chat:visitor-a"))
        #expect(elsewhere.ticket_id == nil)
    }

    @Test("a request without channel or key is refused naming the field")
    func refusesMissingFields() async throws {
        let desk = try await ServiceDesk()
        await #expect(throws: RPCError.self) {
            try await desk.call(Channels.getConversation, .init(conversation_key: "chat:visitor-a"))
        }
        do {
            _ = try await desk.call(Channels.getConversation, .init(channel: .chat))
            Issue.record("a missing key was accepted")
        } catch let error as RPCError {
            #expect(error.code == .invalidArgument && error.message.hasPrefix("conversation_key"))
        }
    }
}

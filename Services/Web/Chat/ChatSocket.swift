import Bus
import Foundation
import HummingbirdWebSocket
import Synchronization

/// One open chat socket: takes the customer's messages (refused with the opening
/// time while the chat is closed) and pushes the conversation whenever it changes,
/// asking tickets every `WebSettings.chatPollEvery`. It closes after
/// `WebSettings.chatIdleFor` without a message or a reply.
final class ChatSocket: Sendable {
    let conversation: ChatConversation
    let context: PageContext
    private let shown = Mutex<[ChatLine]?>(nil)
    private let ticketID = Mutex<String?>(nil)
    private let lastActivity = Mutex(ContinuousClock.now)

    init(conversation: ChatConversation, context: PageContext) {
        self.conversation = conversation
        self.context = context
    }

    private var settings: WebSettings { conversation.settings }

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let hours = await ChatHours.load(client: conversation.client, settings: settings)
        let openAtStart = hours.isOpen(at: Date())
        try await outbound.write(.text(hoursFrame(hours, open: openAtStart).json))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                for try await message in inbound.messages(maxSize: 16 * 1024) {
                    guard case .text(let text) = message else { continue }
                    let reply = await take(text)
                    try await outbound.write(.text(reply.json))
                    if reply.type == "sent" { try? await refresh(outbound) }
                }
            }
            group.addTask { [self] in
                var rounds = 0
                var open = openAtStart
                while !Task.isCancelled {
                    if lastActivity.withLock({ $0 }).duration(to: .now) >= settings.chatIdleFor {
                        try await outbound.write(.text(ChatFrame.closed(context.t["chat_idle"]).json))
                        return
                    }
                    try? await refresh(outbound)
                    rounds += 1
                    if rounds % 30 == 0 {
                        let hours = await ChatHours.load(client: conversation.client, settings: settings)
                        let now = hours.isOpen(at: Date())
                        if now != open {
                            open = now
                            try await outbound.write(.text(hoursFrame(hours, open: now).json))
                        }
                    }
                    try await Task.sleep(for: settings.chatPollEvery)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func hoursFrame(_ hours: ChatHours, open: Bool) -> ChatFrame {
        .hours(open: open, text: open ? nil : hours.opening(after: Date(), context))
    }

    /// Sends the conversation when it differs from what the widget shows.
    private func refresh(_ outbound: WebSocketOutboundWriter) async throws {
        var id = ticketID.withLock { $0 }
        if id == nil {
            id = try await conversation.ticketID()
            ticketID.withLock { $0 = id }
        }
        guard let id else {
            if shown.withLock({ $0 }) == nil {
                shown.withLock { $0 = [] }
                try await outbound.write(.text(ChatFrame.conversation([]).json))
            }
            return
        }
        let lines = try await conversation.lines(ticketID: id, context)
        let changed = shown.withLock { shown in
            guard shown != lines else { return false }
            shown = lines
            return true
        }
        guard changed else { return }
        lastActivity.withLock { $0 = .now }
        try await outbound.write(.text(ChatFrame.conversation(lines).json))
    }

    /// The answer to one frame from the widget.
    private func take(_ text: String) async -> ChatFrame {
        let t = context.t
        guard let post = try? JSONDecoder().decode(ChatPost.self, from: Data(text.utf8)) else {
            return .refused(nil, t["chat_error_frame"])
        }
        let message: (id: String, text: String, name: String?)
        do { message = try post.checked() } catch {
            return .refused(post.id, t.format(error.key, ["max": String(ChatPost.maxText)]))
        }
        lastActivity.withLock { $0 = .now }
        let hours = await ChatHours.load(client: conversation.client, settings: settings)
        guard hours.isOpen(at: Date()) else {
            return .refused(message.id, hours.opening(after: Date(), context))
        }
        do {
            let ticket = try await conversation.send(
                message.text, name: message.name, messageID: message.id, context)
            if !ticket.isEmpty { ticketID.withLock { $0 = ticket } }
            return .sent(message.id)
        } catch {
            return .refused(message.id, t["chat_send_failed"])
        }
    }
}

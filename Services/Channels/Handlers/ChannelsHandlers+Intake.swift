import Bus
import Contract
import Domain
import ServiceKit

extension ChannelsHandlers {
    /// ReceiveMessage: a message from the web front's contact form or live chat, or
    /// any channel a caller connects.
    func receiveMessage(_ request: Channels.ReceiveMessageRequest, _ context: CallContext) async throws
        -> Channels.ReceiveMessageReply
    {
        let message = try request.checked(defaultCountry: settings.defaultCountry)
        let (received, opened) = try await take(message)
        return Channels.ReceiveMessageReply(
            ticket_id: received.ticketID, message_id: received.messageID, opened_ticket: opened)
    }

    /// Records an inbound message on its ticket, once: a message taken before
    /// returns what it became. It joins the ticket of its conversation (for e-mail,
    /// of the mails it answers or the "[#ticket]" in its subject) unless that ticket
    /// is closed or gone; otherwise it opens one. Tickets' writes carry the message's
    /// idempotency key, so a crash between them and channels' own record repeats
    /// nothing when the message comes in again.
    /// - Returns: the ticket message, and whether it opened the ticket.
    func take(_ message: InboundMessage) async throws -> (ReceivedMessage, opened: Bool) {
        if let known = try await store.read({ try $0.inbound(channel: message.channel, externalID: message.externalID) }
        ) {
            return (known, false)
        }
        var received: ReceivedMessage?
        if let ticketID = try await ticket(joinedBy: message) {
            received = try await join(message, ticketID: ticketID)
        }
        let opened = received == nil
        let result: ReceivedMessage
        if let received { result = received } else { result = try await open(message) }
        _ = try await store.write(method: "TakeMessage", idempotencyKey: nil) { tx in
            guard try tx.inbound(channel: message.channel, externalID: message.externalID) == nil else {
                return Channels.ReceiveMessageReply()
            }
            try tx.insert(result, channel: message.channel, externalID: message.externalID)
            try tx.setConversation(channel: message.channel, key: message.conversationKey, ticketID: result.ticketID)
            if let mailID = message.mailID {
                try tx.addMailReference(mailID, ticketID: result.ticketID, outbound: false)
            }
            for (index, file) in message.attachments.enumerated() {
                try tx.insert(
                    Channels.Attachment(
                        attachment_id: "att-\(result.messageID)-\(index + 1)", ticket_id: result.ticketID,
                        message_id: result.messageID, filename: file.filename, content_type: file.contentType,
                        size_bytes: UInt64(file.data.count), received_at_ms: tx.nowMs),
                    data: file.data)
            }
            try tx.record(
                "message.received", subject: result.ticketID,
                Channels.MessageReceived(
                    ticket_id: result.ticketID, message_id: result.messageID, channel: message.channel,
                    opened_ticket: opened))
            return Channels.ReceiveMessageReply()
        }
        return (result, opened)
    }

    /// The ticket an inbound message belongs to, if any.
    private func ticket(joinedBy message: InboundMessage) async throws -> String? {
        try await store.read { tx in
            if !message.mailReferences.isEmpty, let ticket = try tx.ticket(mailReferences: message.mailReferences) {
                return ticket
            }
            if message.channel == .email, let reference = MailThreading.ticketReference(inSubject: message.subject) {
                return reference
            }
            return try tx.conversationTicket(channel: message.channel, key: message.conversationKey)
        }
    }

    /// Adds the message to `ticketID`; nil when that ticket cannot take it (closed,
    /// unknown: a subject may name any id), so a new one opens.
    private func join(_ message: InboundMessage, ticketID: String) async throws -> ReceivedMessage? {
        do {
            let reply = try await desk.add(
                Tickets.AddMessageRequest(
                    ticket_id: ticketID, kind: .inbound, body: message.body, sent_at_ms: message.sentAtMs),
                key: message.key)
            guard let id = reply.message?.message_id else {
                throw RPCError(.internal, "AddMessage replied without a message")
            }
            return ReceivedMessage(ticketID: ticketID, messageID: id)
        } catch let error as RPCError
            where [.notFound, .failedPrecondition, .invalidArgument].contains(error.code)
        {
            return nil
        }
    }

    private func open(_ message: InboundMessage) async throws -> ReceivedMessage {
        let ticket = try await desk.open(
            Tickets.CreateTicketRequest(
                customer: Tickets.Customer(
                    name: message.name, handle: message.handle, country: message.country, language: message.language),
                channel: message.channel, product_category: settings.productCategory, subject: message.subject,
                body: message.body, received_at_ms: message.sentAtMs),
            key: message.key)
        guard let ticketID = ticket.ticket_id,
            let messageID = ticket.messages.first(where: { $0.kind == .inbound })?.message_id
        else { throw RPCError(.internal, "CreateTicket replied without the customer's message") }
        return ReceivedMessage(ticketID: ticketID, messageID: messageID)
    }
}

extension ChannelsHandlers {
    /// Stores how far a mailbox has been read.
    func saveCursor(_ cursor: MailboxCursor, mailbox: String) async throws {
        _ = try await store.write(method: "SaveCursor", idempotencyKey: nil) { tx in
            try tx.setMailboxCursor(cursor, mailbox: mailbox)
            return Channels.ReceiveMessageReply()
        }
    }
}

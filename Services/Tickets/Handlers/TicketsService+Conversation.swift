import Bus
import Contract
import Domain
import Foundation
import ServiceKit

extension TicketsService {
    /// AddMessage: the conversation. The first PUBLIC_REPLY stops the first-response
    /// clock; an INBOUND message reopens a resolved ticket and brings a ticket that
    /// waited for the customer back to OPEN.
    func addMessage(_ request: Tickets.AddMessageRequest, _ context: CallContext) async throws
        -> Tickets.AddMessageReply
    {
        let kind = try Fields.chosen(request.kind, "kind")
        let body = try Fields.text(request.body, "body", maxLength: 20_000)
        let author = try optionalID(request.author_id, "author_id")
        if kind != .inbound, author == nil {
            throw RPCError.invalidArgument(field: "author_id", "must be set for replies and internal notes")
        }
        if let sent = request.sent_at_ms, sent <= 0 {
            throw RPCError.invalidArgument(field: "sent_at_ms", "must be a Unix time in milliseconds, got \(sent)")
        }
        return try await store.write(method: "AddMessage", idempotencyKey: context.idempotencyKey) { tx in
            var record = try existing(request.ticket_id, in: tx)
            guard record.status != .closed else {
                throw RPCError(.failedPrecondition, "ticket \(record.id) is closed; create a new ticket")
            }
            let hours = try ServiceHours(reading: tx)
            let message = Tickets.TicketMessage(
                message_id: MessageID.random().rawValue, kind: kind, author_id: kind == .inbound ? nil : author,
                body: body, sent_at_ms: request.sent_at_ms ?? tx.nowMs, created_at_ms: tx.nowMs)
            try append(message, to: record, in: tx)
            switch kind {
            case .inbound:
                if record.clock.firstResponseAtMs != nil { record.inboundAfterReply = true }
                if record.status == .resolved {
                    try reopen(&record, by: nil, reason: "the customer wrote again", in: tx)
                } else if record.status == .pendingCustomer {
                    try changeStatus(&record, to: .open, by: nil, in: tx)
                }
            case .publicReply:
                if record.clock.isRunning { try firstResponse(&record, message: message, hours: hours, in: tx) }
                if record.status == .new { try changeStatus(&record, to: .open, by: author, in: tx) }
            case .internalNote, .unspecified: break
            }
            record.ticket.updated_at_ms = tx.nowMs
            try tx.save(record)
            return Tickets.AddMessageReply(message: message, ticket: try view(record, hours: hours, nowMs: tx.nowMs))
        }
    }

    /// AddNote: context such as the story behind the purchase.
    func addNote(_ request: Tickets.AddNoteRequest, _ context: CallContext) async throws -> Tickets.AddNoteReply {
        let text = try Fields.text(request.text, "text", maxLength: 4000)
        let author = try optionalID(request.author_id, "author_id")
        return try await store.write(method: "AddNote", idempotencyKey: context.idempotencyKey) { tx in
            let record = try existing(request.ticket_id, in: tx)
            let note = Tickets.TicketNote(
                note_id: NoteID.random().rawValue, author_id: author, text: text, created_at_ms: tx.nowMs)
            try append(note: note, to: record.id, in: tx)
            return Tickets.AddNoteReply(note: note)
        }
    }

    /// Stores a message and records `ticket.message_added` (without the body).
    func append(_ message: Tickets.TicketMessage, to record: TicketRecord, in tx: any TicketsWriting) throws {
        try tx.add(message, ticketID: record.id)
        try tx.record(
            "ticket.message_added", subject: record.id,
            Tickets.TicketMessageAdded(
                ticket_id: record.id, message_id: message.message_id, kind: message.kind, author_id: message.author_id,
                channel: record.channel, sent_at_ms: message.sent_at_ms))
    }

    /// Stores a note and records `ticket.note_added` (without the text).
    func append(note: Tickets.TicketNote, to ticketID: String, in tx: any TicketsWriting) throws {
        try tx.add(note, ticketID: ticketID)
        try tx.record(
            "ticket.note_added", subject: ticketID,
            Tickets.TicketNoteAdded(ticket_id: ticketID, note_id: note.note_id, author_id: note.author_id))
    }

    /// Stops the clock at the first public reply, measured in open hours only.
    func firstResponse(
        _ record: inout TicketRecord, message: Tickets.TicketMessage, hours: ServiceHours, in tx: any TicketsWriting
    ) throws {
        let sent = max(message.sent_at_ms ?? tx.nowMs, record.clock.receivedAtMs)
        let calendar = hours.hours(record.channel ?? .email, record.country ?? "")
        let used = record.clock.openMs(until: Date(unixMilliseconds: sent), hours: calendar)
        let within = used <= record.clock.targetMs
        record.clock.firstResponseAtMs = sent
        record.clock.firstResponseMs = used
        record.clock.flag = within ? .met : .missed
        try tx.record(
            "ticket.first_response", subject: record.id,
            Tickets.TicketFirstResponse(
                ticket_id: record.id, channel: record.channel, country: record.country,
                team_id: record.ticket.team_id, agent_id: message.author_id, received_at_ms: record.clock.receivedAtMs,
                responded_at_ms: sent, response_ms: used, target_ms: record.clock.targetMs, within_target: within))
    }
}

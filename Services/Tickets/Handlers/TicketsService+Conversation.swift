import Bus
import Contract
import Domain
import Foundation
import ServiceKit

extension TicketsService {
    /// AddMessage: the conversation. The first PUBLIC_REPLY by an employee stops the
    /// first-response clock (a bot's or the system's never does); an INBOUND message
    /// reopens a resolved ticket and brings a ticket that waited for the customer
    /// back to OPEN. An employee author must be known to staff.
    func addMessage(_ request: Tickets.AddMessageRequest, _ context: CallContext) async throws
        -> Tickets.AddMessageReply
    {
        let kind = try Fields.chosen(request.kind, "kind")
        let body = try Fields.text(request.body, "body", maxLength: 20_000)
        let author = try optionalID(request.author_id, "author_id")
        let authorKind: Tickets.AuthorKind? =
            kind == .inbound ? nil : request.author_kind.flatMap { $0 == .unspecified ? nil : $0 } ?? .employee
        if kind != .inbound, author == nil {
            throw RPCError.invalidArgument(field: "author_id", "must be set for replies and internal notes")
        }
        if authorKind == .employee, let author { try await checkEmployee(author, field: "author_id") }
        let byPerson = authorKind == .employee
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
                body: body, sent_at_ms: request.sent_at_ms ?? tx.nowMs, created_at_ms: tx.nowMs,
                author_kind: authorKind)
            try append(message, to: record, in: tx)
            switch kind {
            case .inbound:
                if record.clock.firstResponseAtMs != nil { record.inboundAfterReply = true }
                if record.status == .resolved {
                    try reopen(&record, by: nil, reason: "the customer wrote again", in: tx)
                } else if record.status == .pendingCustomer {
                    try changeStatus(&record, to: .open, by: nil, in: tx)
                }
            case .publicReply where byPerson:
                if record.clock.isRunning { try firstResponse(&record, message: message, hours: hours, in: tx) }
                if record.status == .new { try changeStatus(&record, to: .open, by: author, in: tx) }
            case .publicReply: break  // a bot's or the system's answer is no person's first response
            case .internalNote, .unspecified: break
            }
            record.ticket.updated_at_ms = tx.nowMs
            try tx.save(record)
            return Tickets.AddMessageReply(message: message, ticket: try view(record, hours: hours, nowMs: tx.nowMs))
        }
    }

    /// An employee staff knows, for `field`.
    /// - Throws: INVALID_ARGUMENT naming `field` when staff does not know them;
    ///   FAILED_PRECONDITION when they left; UNAVAILABLE when staff is down.
    func checkEmployee(_ id: String, field: String) async throws {
        do { _ = try await staff.employee(id, field: field) } catch let error as RPCError where error.code == .notFound
        {
            throw RPCError(.invalidArgument, error.message)
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
                channel: record.channel, sent_at_ms: message.sent_at_ms, author_kind: message.author_kind))
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

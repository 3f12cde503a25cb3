import Contract
import Domain
import Foundation
import GRDB
import ServiceKit
import Wire

/// The changes of `TicketsWriting` inside one `SQLiteStore` write transaction.
final class SQLiteTicketsWriter: SQLiteTicketsReader, TicketsWriting {
    func save(_ record: TicketRecord) throws {
        let ticket = record.ticket
        let clock = record.clock
        let search = [ticket.subject, ticket.customer?.name, ticket.customer?.handle].compactMap { $0 }
            .joined(separator: "\n").lowercased()
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO ticket (
                    ticket_id, data, status, channel, country, assignee_id, team_id, customer_id, order_reference,
                    product_category, special_care, search_text, created_at_ms, follow_up_response_id, created_by_id,
                    inbound_after_reply, received_at_ms, target_ms, answered_live, at_risk_share, escalate_on_breach,
                    first_response_at_ms, first_response_ms, sla_flag)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                record.id, Data(try ticket.wireBytes()), record.status.rawValue, ticket.channel?.wireValue ?? 0,
                ticket.customer?.country ?? "", ticket.assignee_id, ticket.team_id, ticket.customer?.customer_id ?? "",
                ticket.order_reference, ticket.product_category, ticket.special_care ?? false, search,
                ticket.created_at_ms ?? 0, ticket.follow_up?.response_id, record.createdByID,
                record.inboundAfterReply, clock.receivedAtMs, clock.targetMs, clock.answeredLive, clock.atRiskShare,
                clock.escalateOnBreach, clock.firstResponseAtMs, clock.firstResponseMs, clock.flag.rawValue,
            ])
    }

    func saveCustomer(id: String, channel: Channel, handle: String) throws {
        guard let key = HandleKey(channel: channel, handle: handle) else { return }
        try db.execute(
            sql: "INSERT OR IGNORE INTO customer_handle (kind, handle, customer_id, added_at_ms) VALUES (?, ?, ?, ?)",
            arguments: [key.kind.wireValue, key.value, id, nowMs])
    }

    func setHandle(_ key: HandleKey, customerID: String, addedByID: String?) throws {
        try db.execute(
            sql: """
                INSERT INTO customer_handle (kind, handle, customer_id, added_at_ms, added_by_id) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (kind, handle) DO UPDATE SET customer_id = excluded.customer_id
                """,
            arguments: [key.kind.wireValue, key.value, customerID, nowMs, addedByID])
    }

    func add(_ message: Tickets.TicketMessage, ticketID: String) throws {
        try db.execute(
            sql: """
                INSERT INTO message (message_id, ticket_id, kind, author_id, body, sent_at_ms, created_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                message.message_id, ticketID, message.kind?.rawValue ?? 0, message.author_id, message.body ?? "",
                message.sent_at_ms ?? nowMs, message.created_at_ms ?? nowMs,
            ])
    }

    func add(_ note: Tickets.TicketNote, ticketID: String) throws {
        try db.execute(
            sql: "INSERT INTO note (note_id, ticket_id, author_id, text, created_at_ms) VALUES (?, ?, ?, ?, ?)",
            arguments: [note.note_id, ticketID, note.author_id, note.text ?? "", note.created_at_ms ?? nowMs])
    }

    func save(_ gesture: Tickets.Gesture) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO gesture (gesture_id, ticket_id, created_at_ms, data, outcome, employee_id, team_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                gesture.gesture_id, gesture.ticket_id, gesture.created_at_ms ?? nowMs, Data(try gesture.wireBytes()),
                gesture.outcome?.rawValue ?? 0, gesture.employee_id, gesture.team_id,
            ])
    }

    func addHandleTime(ticketID: String, employeeID: String?, durationMs: Int64, startedAtMs: Int64?) throws {
        try db.execute(
            sql: "INSERT INTO handle_time (ticket_id, employee_id, duration_ms, started_at_ms) VALUES (?, ?, ?, ?)",
            arguments: [ticketID, employeeID, durationMs, startedAtMs])
    }

    func save(_ calendar: Tickets.ChannelCalendar) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO channel_calendar (channel, country, data) VALUES (?, ?, ?)",
            arguments: [calendar.channel?.wireValue ?? 0, calendar.country ?? "", Data(try calendar.wireBytes())])
    }

    func save(_ target: Tickets.ResponseTarget) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO response_target (channel, data) VALUES (?, ?)",
            arguments: [target.channel?.wireValue ?? 0, Data(try target.wireBytes())])
    }
}

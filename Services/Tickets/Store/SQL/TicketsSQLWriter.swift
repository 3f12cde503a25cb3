import Contract
import Domain
import Foundation
import ServiceKit
import Wire

/// The changes of `TicketsWriting` inside one write transaction of the store,
/// SQLite or PostgreSQL.
final class TicketsSQLWriter: TicketsSQLReader, TicketsWriting {
    func save(_ record: TicketRecord) throws {
        let ticket = record.ticket
        let clock = record.clock
        let search = [ticket.subject, ticket.customer?.name, ticket.customer?.handle].compactMap { $0 }
            .joined(separator: "\n").lowercased()
        try session.upsert(
            "ticket", key: ["ticket_id"],
            [
                ("ticket_id", record.id), ("data", try ticket.wireBytes()), ("status", record.status.rawValue),
                ("channel", ticket.channel?.wireValue ?? 0), ("country", ticket.customer?.country ?? ""),
                ("assignee_id", ticket.assignee_id), ("team_id", ticket.team_id),
                ("customer_id", ticket.customer?.customer_id ?? ""), ("order_reference", ticket.order_reference),
                ("product_category", ticket.product_category), ("special_care", ticket.special_care ?? false),
                ("search_text", search), ("created_at_ms", ticket.created_at_ms ?? 0),
                ("follow_up_response_id", ticket.follow_up?.response_id), ("created_by_id", record.createdByID),
                ("inbound_after_reply", record.inboundAfterReply), ("received_at_ms", clock.receivedAtMs),
                ("target_ms", clock.targetMs), ("answered_live", clock.answeredLive),
                ("at_risk_share", clock.atRiskShare), ("escalate_on_breach", clock.escalateOnBreach),
                ("first_response_at_ms", clock.firstResponseAtMs), ("first_response_ms", clock.firstResponseMs),
                ("sla_flag", clock.flag.rawValue),
            ])
    }

    func saveCustomer(id: String, channel: Channel, handle: String) throws {
        guard let key = HandleKey(channel: channel, handle: handle) else { return }
        try session.execute(
            """
            INSERT INTO customer_handle (kind, handle, customer_id, added_at_ms) VALUES (?, ?, ?, ?)
            ON CONFLICT (kind, handle) DO NOTHING
            """, key.kind.wireValue, key.value, id, nowMs)
    }

    func setHandle(_ key: HandleKey, customerID: String, addedByID: String?) throws {
        try session.execute(
            """
            INSERT INTO customer_handle (kind, handle, customer_id, added_at_ms, added_by_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (kind, handle) DO UPDATE SET customer_id = excluded.customer_id
            """, key.kind.wireValue, key.value, customerID, nowMs, addedByID)
    }

    func add(_ message: Tickets.TicketMessage, ticketID: String) throws {
        try session.execute(
            """
            INSERT INTO message (message_id, ticket_id, kind, author_id, body, sent_at_ms, created_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, message.message_id, ticketID, message.kind?.rawValue ?? 0, message.author_id, message.body ?? "",
            message.sent_at_ms ?? nowMs, message.created_at_ms ?? nowMs)
    }

    func add(_ note: Tickets.TicketNote, ticketID: String) throws {
        try session.execute(
            "INSERT INTO note (note_id, ticket_id, author_id, text, created_at_ms) VALUES (?, ?, ?, ?, ?)",
            note.note_id, ticketID, note.author_id, note.text ?? "", note.created_at_ms ?? nowMs)
    }

    func save(_ gesture: Tickets.Gesture) throws {
        try session.upsert(
            "gesture", key: ["gesture_id"],
            [
                ("gesture_id", gesture.gesture_id), ("ticket_id", gesture.ticket_id),
                ("created_at_ms", gesture.created_at_ms ?? nowMs), ("data", try gesture.wireBytes()),
                ("outcome", gesture.outcome?.rawValue ?? 0), ("employee_id", gesture.employee_id),
                ("team_id", gesture.team_id),
            ])
    }

    func addHandleTime(ticketID: String, employeeID: String?, durationMs: Int64, startedAtMs: Int64?) throws {
        try session.execute(
            "INSERT INTO handle_time (ticket_id, employee_id, duration_ms, started_at_ms) VALUES (?, ?, ?, ?)",
            ticketID, employeeID, durationMs, startedAtMs)
    }

    func save(_ calendar: Tickets.ChannelCalendar) throws {
        try session.upsert(
            "channel_calendar", key: ["channel", "country"],
            [
                ("channel", calendar.channel?.wireValue ?? 0), ("country", calendar.country ?? ""),
                ("data", try calendar.wireBytes()),
            ])
    }

    func save(_ target: Tickets.ResponseTarget) throws {
        try session.upsert(
            "response_target", key: ["channel"],
            [("channel", target.channel?.wireValue ?? 0), ("data", try target.wireBytes())])
    }
}

import Contract
import Domain
import Foundation
import ServiceKit
import Wire

/// The queries of `TicketsReading` on one connection, SQLite or PostgreSQL.
class TicketsSQLReader: StoreAccess, TicketsReading {
    static let ticketColumns = """
        data, created_by_id, inbound_after_reply, received_at_ms, target_ms, answered_live, at_risk_share,
        escalate_on_breach, first_response_at_ms, first_response_ms, sla_flag
        """

    func ticket(_ id: String) throws -> TicketRecord? {
        try fetchTickets("SELECT \(Self.ticketColumns) FROM ticket WHERE ticket_id = ?", [.text(id)]).first
    }

    func followUp(responseID: String) throws -> TicketRecord? {
        try fetchTickets(
            "SELECT \(Self.ticketColumns) FROM ticket WHERE follow_up_response_id = ?", [.text(responseID)]
        ).first
    }

    func contactCount(orderReference: String) throws -> UInt32 {
        UInt32(
            try session.value(
                Int64.self, "SELECT COUNT(*) FROM ticket WHERE order_reference = ?", [.text(orderReference)]) ?? 0)
    }

    func customerID(channel: Channel, handle: String) throws -> String? {
        guard let key = HandleKey(channel: channel, handle: handle) else { return nil }
        return try session.value(
            String.self, "SELECT customer_id FROM customer_handle WHERE kind = ? AND handle = ?",
            [key.kind.wireValue.sqlValue, .text(key.value)])
    }

    func handles(customerID: String) throws -> [Tickets.CustomerHandle] {
        try session.rows(
            """
            SELECT kind, handle, added_at_ms, added_by_id FROM customer_handle WHERE customer_id = ?
            ORDER BY added_at_ms, kind, handle
            """, customerID
        ).map {
            Tickets.CustomerHandle(
                kind: try? Channel(wireValue: $0["kind"]), handle: $0["handle"], added_at_ms: $0["added_at_ms"],
                added_by_id: $0["added_by_id"])
        }
    }

    func customerExists(_ customerID: String) throws -> Bool {
        try session.value(
            Bool.self,
            """
            SELECT EXISTS (SELECT 1 FROM customer_handle WHERE customer_id = ?)
                OR EXISTS (SELECT 1 FROM ticket WHERE customer_id = ?)
            """, [.text(customerID), .text(customerID)]) ?? false
    }

    func erasure(customerID: String) throws -> (atMs: Int64, reason: String)? {
        try session.rows("SELECT erased_at_ms, reason FROM erased_customer WHERE customer_id = ?", customerID)
            .first.map { (atMs: $0["erased_at_ms"], reason: $0["reason"]) }
    }

    func tickets(customerID: String) throws -> [TicketRecord] {
        try fetchTickets(
            "SELECT \(Self.ticketColumns) FROM ticket WHERE customer_id = ? ORDER BY created_at_ms DESC, rowid DESC",
            [.text(customerID)])
    }

    func messages(ticketID: String) throws -> [Tickets.TicketMessage] {
        try session.rows(
            """
            SELECT message_id, kind, author_id, body, sent_at_ms, created_at_ms FROM message
            WHERE ticket_id = ? ORDER BY position
            """, ticketID
        ).map { row in
            Tickets.TicketMessage(
                message_id: row["message_id"], kind: Tickets.MessageKind(rawValue: row["kind"]),
                author_id: row["author_id"], body: row["body"], sent_at_ms: row["sent_at_ms"],
                created_at_ms: row["created_at_ms"])
        }
    }

    func notes(ticketID: String) throws -> [Tickets.TicketNote] {
        try session.rows(
            "SELECT note_id, author_id, text, created_at_ms FROM note WHERE ticket_id = ? ORDER BY position", ticketID
        ).map { row in
            Tickets.TicketNote(
                note_id: row["note_id"], author_id: row["author_id"], text: row["text"],
                created_at_ms: row["created_at_ms"])
        }
    }

    func gestures(ticketID: String) throws -> [Tickets.Gesture] {
        try decoded(
            Tickets.Gesture.self, "SELECT data FROM gesture WHERE ticket_id = ? ORDER BY created_at_ms, rowid",
            [.text(ticketID)], column: "data")
    }

    func gesture(_ id: String) throws -> Tickets.Gesture? {
        try decoded(Tickets.Gesture.self, "SELECT data FROM gesture WHERE gesture_id = ?", [.text(id)], column: "data")
            .first
    }

    func gestures(matching filter: GestureFilter, offset: Int, limit: Int) throws -> [Tickets.Gesture] {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        let columns: [(String, SQLValue?)] = [
            ("outcome", filter.outcome.map { .integer(Int64($0.rawValue)) }), ("team_id", filter.teamID?.sqlValue),
            ("employee_id", filter.employeeID?.sqlValue), ("ticket_id", filter.ticketID?.sqlValue),
        ]
        for (column, value) in columns {
            guard let value else { continue }
            conditions.append("\(column) = ?")
            arguments.append(value)
        }
        let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try decoded(
            Tickets.Gesture.self, "SELECT data FROM gesture \(clause) ORDER BY created_at_ms, rowid LIMIT ? OFFSET ?",
            arguments + [limit.sqlValue, offset.sqlValue], column: "data")
    }

    func tickets(matching filter: TicketFilter, offset: Int, limit: Int) throws -> [TicketRecord] {
        let (clause, arguments) = filter.sqlWhere()
        return try fetchTickets(
            "SELECT \(Self.ticketColumns) FROM ticket \(clause) ORDER BY created_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
            arguments + [limit.sqlValue, offset.sqlValue])
    }

    func runningClocks() throws -> [TicketRecord] {
        try fetchTickets(
            """
            SELECT \(Self.ticketColumns) FROM ticket
            WHERE first_response_at_ms IS NULL AND answered_live = 0 AND sla_flag IN (?, ?) AND status NOT IN (?, ?)
            ORDER BY received_at_ms, rowid
            """,
            [
                Tickets.SlaState.onTrack.rawValue, Tickets.SlaState.atRisk.rawValue,
                Tickets.TicketStatus.resolved.rawValue, Tickets.TicketStatus.closed.rawValue,
            ].map(\.sqlValue))
    }

    func storedCalendars() throws -> [Tickets.ChannelCalendar] {
        try decoded(
            Tickets.ChannelCalendar.self, "SELECT data FROM channel_calendar ORDER BY channel, country", [],
            column: "data")
    }

    func storedTargets() throws -> [Tickets.ResponseTarget] {
        try decoded(
            Tickets.ResponseTarget.self, "SELECT data FROM response_target ORDER BY channel", [], column: "data")
    }

    private func fetchTickets(_ sql: String, _ arguments: [SQLValue]) throws -> [TicketRecord] {
        try session.rows(sql, arguments).map { row in
            TicketRecord(
                ticket: try Tickets.Ticket(row: row, "data"),
                clock: ResponseClock(
                    receivedAtMs: row["received_at_ms"], targetMs: row["target_ms"], answeredLive: row["answered_live"],
                    atRiskShare: row["at_risk_share"], escalateOnBreach: row["escalate_on_breach"],
                    firstResponseAtMs: row["first_response_at_ms"], firstResponseMs: row["first_response_ms"],
                    flag: Tickets.SlaState(rawValue: row["sla_flag"]) ?? .onTrack),
                createdByID: row["created_by_id"], inboundAfterReply: row["inbound_after_reply"])
        }
    }
}

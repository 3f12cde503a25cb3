import Contract
import Domain
import Foundation
import GRDB
import ServiceKit
import Wire

/// The queries of `TicketsReading` on one SQLite connection.
class SQLiteTicketsReader: SQLiteAccess, TicketsReading {
    static let ticketColumns = """
        data, created_by_id, inbound_after_reply, received_at_ms, target_ms, answered_live, at_risk_share,
        escalate_on_breach, first_response_at_ms, first_response_ms, sla_flag
        """

    func ticket(_ id: String) throws -> TicketRecord? {
        try fetchTickets("SELECT \(Self.ticketColumns) FROM ticket WHERE ticket_id = ?", [id]).first
    }

    func followUp(responseID: String) throws -> TicketRecord? {
        try fetchTickets("SELECT \(Self.ticketColumns) FROM ticket WHERE follow_up_response_id = ?", [responseID])
            .first
    }

    func contactCount(orderReference: String) throws -> UInt32 {
        UInt32(
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM ticket WHERE order_reference = ?", arguments: [orderReference])
                ?? 0)
    }

    func customerID(channel: Channel, handle: String) throws -> String? {
        guard let key = HandleKey(channel: channel, handle: handle) else { return nil }
        return try String.fetchOne(
            db, sql: "SELECT customer_id FROM customer_handle WHERE kind = ? AND handle = ?",
            arguments: [key.kind.wireValue, key.value])
    }

    func handles(customerID: String) throws -> [Tickets.CustomerHandle] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT kind, handle, added_at_ms, added_by_id FROM customer_handle WHERE customer_id = ?
                ORDER BY added_at_ms, kind, handle
                """,
            arguments: [customerID]
        ).map {
            Tickets.CustomerHandle(
                kind: try? Channel(wireValue: Int32($0["kind"] as Int64)), handle: $0["handle"],
                added_at_ms: $0["added_at_ms"], added_by_id: $0["added_by_id"])
        }
    }

    func customerExists(_ customerID: String) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM customer_handle WHERE customer_id = ?)
                    OR EXISTS (SELECT 1 FROM ticket WHERE customer_id = ?)
                """,
            arguments: [customerID, customerID]) ?? false
    }

    func erasure(customerID: String) throws -> (atMs: Int64, reason: String)? {
        try Row.fetchOne(
            db, sql: "SELECT erased_at_ms, reason FROM erased_customer WHERE customer_id = ?", arguments: [customerID]
        ).map { (atMs: $0["erased_at_ms"], reason: $0["reason"]) }
    }

    func tickets(customerID: String) throws -> [TicketRecord] {
        try fetchTickets(
            "SELECT \(Self.ticketColumns) FROM ticket WHERE customer_id = ? ORDER BY created_at_ms DESC", [customerID])
    }

    func messages(ticketID: String) throws -> [Tickets.TicketMessage] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT message_id, kind, author_id, body, sent_at_ms, created_at_ms FROM message
                WHERE ticket_id = ? ORDER BY position
                """, arguments: [ticketID]
        ).map { row in
            Tickets.TicketMessage(
                message_id: row["message_id"], kind: Tickets.MessageKind(rawValue: row["kind"]),
                author_id: row["author_id"], body: row["body"], sent_at_ms: row["sent_at_ms"],
                created_at_ms: row["created_at_ms"])
        }
    }

    func notes(ticketID: String) throws -> [Tickets.TicketNote] {
        try Row.fetchAll(
            db, sql: "SELECT note_id, author_id, text, created_at_ms FROM note WHERE ticket_id = ? ORDER BY position",
            arguments: [ticketID]
        ).map { row in
            Tickets.TicketNote(
                note_id: row["note_id"], author_id: row["author_id"], text: row["text"],
                created_at_ms: row["created_at_ms"])
        }
    }

    func gestures(ticketID: String) throws -> [Tickets.Gesture] {
        try Data.fetchAll(
            db, sql: "SELECT data FROM gesture WHERE ticket_id = ? ORDER BY created_at_ms, rowid", arguments: [ticketID]
        ).map { try Tickets.Gesture(wireBytes: [UInt8]($0)) }
    }

    func gesture(_ id: String) throws -> Tickets.Gesture? {
        try Data.fetchOne(db, sql: "SELECT data FROM gesture WHERE gesture_id = ?", arguments: [id])
            .map { try Tickets.Gesture(wireBytes: [UInt8]($0)) }
    }

    func gestures(matching filter: GestureFilter, offset: Int, limit: Int) throws -> [Tickets.Gesture] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        let columns: [(String, (any DatabaseValueConvertible)?)] = [
            ("outcome", filter.outcome.map { Int64($0.rawValue) }), ("team_id", filter.teamID),
            ("employee_id", filter.employeeID), ("ticket_id", filter.ticketID),
        ]
        for (column, value) in columns {
            guard let value else { continue }
            conditions.append("\(column) = ?")
            arguments.append(value)
        }
        let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [limit, offset]
        return try Data.fetchAll(
            db, sql: "SELECT data FROM gesture \(clause) ORDER BY created_at_ms, rowid LIMIT ? OFFSET ?",
            arguments: StatementArguments(arguments)
        ).map { try Tickets.Gesture(wireBytes: [UInt8]($0)) }
    }

    func tickets(matching filter: TicketFilter, offset: Int, limit: Int) throws -> [TicketRecord] {
        let (clause, arguments) = filter.sqlWhere()
        var all = arguments
        all += [limit, offset]
        return try fetchTickets(
            "SELECT \(Self.ticketColumns) FROM ticket \(clause) ORDER BY created_at_ms DESC, rowid DESC LIMIT ? OFFSET ?",
            all)
    }

    func runningClocks() throws -> [TicketRecord] {
        try fetchTickets(
            """
            SELECT \(Self.ticketColumns) FROM ticket
            WHERE first_response_at_ms IS NULL AND answered_live = 0 AND sla_flag IN (?, ?) AND status NOT IN (?, ?)
            ORDER BY received_at_ms
            """,
            [
                Tickets.SlaState.onTrack.rawValue, Tickets.SlaState.atRisk.rawValue,
                Tickets.TicketStatus.resolved.rawValue, Tickets.TicketStatus.closed.rawValue,
            ])
    }

    func storedCalendars() throws -> [Tickets.ChannelCalendar] {
        try Data.fetchAll(db, sql: "SELECT data FROM channel_calendar ORDER BY channel, country")
            .map { try Tickets.ChannelCalendar(wireBytes: [UInt8]($0)) }
    }

    func storedTargets() throws -> [Tickets.ResponseTarget] {
        try Data.fetchAll(db, sql: "SELECT data FROM response_target ORDER BY channel")
            .map { try Tickets.ResponseTarget(wireBytes: [UInt8]($0)) }
    }

    private func fetchTickets(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws -> [TicketRecord] {
        try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
            TicketRecord(
                ticket: try Tickets.Ticket(wireBytes: [UInt8](row["data"] as Data)),
                clock: ResponseClock(
                    receivedAtMs: row["received_at_ms"], targetMs: row["target_ms"], answeredLive: row["answered_live"],
                    atRiskShare: row["at_risk_share"], escalateOnBreach: row["escalate_on_breach"],
                    firstResponseAtMs: row["first_response_at_ms"], firstResponseMs: row["first_response_ms"],
                    flag: Tickets.SlaState(rawValue: row["sla_flag"]) ?? .onTrack),
                createdByID: row["created_by_id"], inboundAfterReply: row["inbound_after_reply"])
        }
    }
}

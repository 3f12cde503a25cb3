import Contract
import Domain
import Foundation
import GRDB
import ServiceKit

/// The queries of `ChannelsReading` on one SQLite connection.
class SQLiteChannelsReader: SQLiteAccess, ChannelsReading {
    func inbound(channel: Channel, externalID: String) throws -> ReceivedMessage? {
        try Row.fetchOne(
            db, sql: "SELECT ticket_id, message_id FROM inbound WHERE channel = ? AND external_id = ?",
            arguments: [channel.wireValue, externalID]
        ).map { ReceivedMessage(ticketID: $0["ticket_id"], messageID: $0["message_id"]) }
    }

    func conversationTicket(channel: Channel, key: String) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT ticket_id FROM conversation WHERE channel = ? AND conversation_key = ?",
            arguments: [channel.wireValue, key])
    }

    func conversationKey(ticketID: String, channel: Channel) throws -> String? {
        try String.fetchOne(
            db,
            sql: """
                SELECT conversation_key FROM conversation WHERE ticket_id = ? AND channel = ?
                ORDER BY updated_at_ms DESC LIMIT 1
                """,
            arguments: [ticketID, channel.wireValue])
    }

    func delivery(externalID: String) throws -> Channels.Delivery? {
        try Row.fetchOne(db, sql: "SELECT body FROM delivery WHERE external_id = ?", arguments: [externalID])
            .map { try Channels.Delivery(row: $0) }
    }

    func ticket(mailReferences: [String]) throws -> String? {
        for id in mailReferences {
            if let ticket = try String.fetchOne(
                db, sql: "SELECT ticket_id FROM mail_reference WHERE header_id = ?", arguments: [id])
            {
                return ticket
            }
        }
        return nil
    }

    func mailReferences(ticketID: String) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT header_id FROM mail_reference WHERE ticket_id = ? ORDER BY position",
            arguments: [ticketID])
    }

    func lastInboundMailReference(ticketID: String) throws -> String? {
        try String.fetchOne(
            db,
            sql: """
                SELECT header_id FROM mail_reference WHERE ticket_id = ? AND outbound = 0
                ORDER BY position DESC LIMIT 1
                """,
            arguments: [ticketID])
    }

    func delivery(id: String) throws -> Channels.Delivery? {
        try Row.fetchOne(db, sql: "SELECT body FROM delivery WHERE delivery_id = ?", arguments: [id])
            .map { try Channels.Delivery(row: $0) }
    }

    func deliveries(ticketID: String?, states: [Channels.DeliveryState], offset: Int, limit: Int) throws
        -> [Channels.Delivery]
    {
        var clauses: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let ticketID {
            clauses.append("ticket_id = ?")
            arguments.append(ticketID)
        }
        if !states.isEmpty {
            clauses.append("state IN (\(states.map { _ in "?" }.joined(separator: ",")))")
            arguments += states.map(\.rawValue)
        }
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try Row.fetchAll(
            db, sql: "SELECT body FROM delivery \(filter) ORDER BY queued_at_ms, delivery_id LIMIT ? OFFSET ?",
            arguments: StatementArguments(arguments + [limit, offset])
        ).map { try Channels.Delivery(row: $0) }
    }

    func dueDeliveries(nowMs: Int64, limit: Int) throws -> [Channels.Delivery] {
        try Row.fetchAll(
            db, sql: "SELECT body FROM delivery WHERE state = ? AND due_at_ms <= ? ORDER BY due_at_ms LIMIT ?",
            arguments: [Channels.DeliveryState.queued.rawValue, nowMs, limit]
        ).map { try Channels.Delivery(row: $0) }
    }

    func positions() throws -> [String: UInt64] {
        var positions: [String: UInt64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT service, sequence FROM consumed") {
            positions[row["service"]] = UInt64(row["sequence"] as Int64)
        }
        return positions
    }

    func mailboxCursor(_ mailbox: String) throws -> MailboxCursor? {
        try Row.fetchOne(
            db, sql: "SELECT uid_validity, last_uid FROM mailbox_cursor WHERE mailbox = ?", arguments: [mailbox]
        ).map {
            MailboxCursor(uidValidity: UInt32($0["uid_validity"] as Int64), lastUID: UInt32($0["last_uid"] as Int64))
        }
    }

    func attachments(ticketID: String) throws -> [Channels.Attachment] {
        try Row.fetchAll(
            db, sql: "SELECT body FROM attachment WHERE ticket_id = ? ORDER BY rowid", arguments: [ticketID]
        ).map { try Channels.Attachment(row: $0) }
    }

    func attachment(id: String) throws -> (Channels.Attachment, Data)? {
        try Row.fetchOne(db, sql: "SELECT body, data FROM attachment WHERE attachment_id = ?", arguments: [id])
            .map { (try Channels.Attachment(row: $0), $0["data"] as Data) }
    }

    func setting(_ name: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT value FROM setting WHERE name = ?", arguments: [name])
    }
}

import Contract
import Domain
import Foundation
import ServiceKit
import Wire

/// The queries of `ChannelsReading` on one connection, SQLite or PostgreSQL.
class ChannelsSQLReader: StoreAccess, ChannelsReading {
    func inbound(channel: Channel, externalID: String) throws -> ReceivedMessage? {
        try session.rows(
            "SELECT ticket_id, message_id FROM inbound WHERE channel = ? AND external_id = ?", channel.wireValue,
            externalID
        ).first.map { ReceivedMessage(ticketID: $0["ticket_id"], messageID: $0["message_id"]) }
    }

    func conversationTicket(channel: Channel, key: String) throws -> String? {
        try session.value(
            String.self, "SELECT ticket_id FROM conversation WHERE channel = ? AND conversation_key = ?",
            [channel.wireValue.sqlValue, .text(key)])
    }

    func conversationKey(ticketID: String, channel: Channel) throws -> String? {
        try session.value(
            String.self,
            """
            SELECT conversation_key FROM conversation WHERE ticket_id = ? AND channel = ?
            ORDER BY updated_at_ms DESC, rowid DESC LIMIT 1
            """, [.text(ticketID), channel.wireValue.sqlValue])
    }

    func delivery(externalID: String) throws -> Channels.Delivery? {
        try decoded(
            Channels.Delivery.self,
            "SELECT body FROM delivery WHERE external_id = ? ORDER BY queued_at_ms, delivery_id",
            [.text(externalID)]
        ).first
    }

    func ticket(mailReferences: [String]) throws -> String? {
        for id in mailReferences {
            if let ticket = try session.value(
                String.self, "SELECT ticket_id FROM mail_reference WHERE header_id = ?", [.text(id)])
            {
                return ticket
            }
        }
        return nil
    }

    func mailReferences(ticketID: String) throws -> [String] {
        try session.rows("SELECT header_id FROM mail_reference WHERE ticket_id = ? ORDER BY position", ticketID)
            .map { $0["header_id"] }
    }

    func lastInboundMailReference(ticketID: String) throws -> String? {
        try session.value(
            String.self,
            """
            SELECT header_id FROM mail_reference WHERE ticket_id = ? AND outbound = 0
            ORDER BY position DESC LIMIT 1
            """, [.text(ticketID)])
    }

    func delivery(id: String) throws -> Channels.Delivery? {
        try decoded(Channels.Delivery.self, "SELECT body FROM delivery WHERE delivery_id = ?", [.text(id)]).first
    }

    func deliveries(ticketID: String?, states: [Channels.DeliveryState], offset: Int, limit: Int) throws
        -> [Channels.Delivery]
    {
        var clauses: [String] = []
        var arguments: [SQLValue] = []
        if let ticketID {
            clauses.append("ticket_id = ?")
            arguments.append(.text(ticketID))
        }
        if !states.isEmpty {
            clauses.append("state IN (\(states.map { _ in "?" }.joined(separator: ",")))")
            arguments += states.map(\.rawValue.sqlValue)
        }
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try decoded(
            Channels.Delivery.self,
            "SELECT body FROM delivery \(filter) ORDER BY queued_at_ms, delivery_id LIMIT ? OFFSET ?",
            arguments + [limit.sqlValue, offset.sqlValue])
    }

    func dueDeliveries(nowMs: Int64, limit: Int) throws -> [Channels.Delivery] {
        try decoded(
            Channels.Delivery.self,
            """
            SELECT body FROM delivery WHERE state = ? AND due_at_ms <= ?
            ORDER BY due_at_ms, queued_at_ms, delivery_id LIMIT ?
            """, [Channels.DeliveryState.queued.rawValue.sqlValue, .integer(nowMs), limit.sqlValue])
    }

    func positions() throws -> [String: UInt64] {
        var positions: [String: UInt64] = [:]
        for row in try session.rows("SELECT service, sequence FROM consumed", []) {
            positions[row["service"]] = UInt64(row["sequence"] as Int64)
        }
        return positions
    }

    func mailboxCursor(_ mailbox: String) throws -> MailboxCursor? {
        try session.rows("SELECT uid_validity, last_uid FROM mailbox_cursor WHERE mailbox = ?", mailbox).first.map {
            MailboxCursor(uidValidity: $0["uid_validity"], lastUID: $0["last_uid"])
        }
    }

    func attachments(ticketID: String) throws -> [Channels.Attachment] {
        try decoded(
            Channels.Attachment.self, "SELECT body FROM attachment WHERE ticket_id = ? ORDER BY rowid",
            [.text(ticketID)])
    }

    func attachment(id: String) throws -> (Channels.Attachment, Data)? {
        try session.rows("SELECT body, data FROM attachment WHERE attachment_id = ?", id).first.map {
            (try Channels.Attachment(row: $0), $0["data"] as Data)
        }
    }

    func setting(_ name: String) throws -> Int64? {
        try session.value(Int64.self, "SELECT value FROM setting WHERE name = ?", [.text(name)])
    }
}

import Contract
import Domain
import Foundation
import GRDB
import ServiceKit

/// The changes of `ChannelsWriting` inside one `SQLiteStore` write transaction.
final class SQLiteChannelsWriter: SQLiteChannelsReader, ChannelsWriting {
    func insert(_ received: ReceivedMessage, channel: Channel, externalID: String) throws {
        try db.execute(
            sql: """
                INSERT INTO inbound (channel, external_id, ticket_id, message_id, received_at_ms)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [channel.wireValue, externalID, received.ticketID, received.messageID, nowMs])
    }

    func setConversation(channel: Channel, key: String, ticketID: String) throws {
        try db.execute(
            sql: """
                INSERT INTO conversation (channel, conversation_key, ticket_id, updated_at_ms) VALUES (?, ?, ?, ?)
                ON CONFLICT (channel, conversation_key) DO UPDATE SET ticket_id = excluded.ticket_id,
                    updated_at_ms = excluded.updated_at_ms
                """,
            arguments: [channel.wireValue, key, ticketID, nowMs])
    }

    func addMailReference(_ id: String, ticketID: String, outbound: Bool) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO mail_reference (header_id, ticket_id, outbound) VALUES (?, ?, ?)",
            arguments: [id, ticketID, outbound])
    }

    func insert(_ delivery: Channels.Delivery) throws -> Bool {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO delivery (delivery_id, ticket_id, state, due_at_ms, queued_at_ms, body)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                delivery.delivery_id, delivery.ticket_id, delivery.state?.rawValue, delivery.due_at_ms ?? nowMs,
                delivery.queued_at_ms ?? nowMs, try delivery.blob(),
            ])
        return db.changesCount > 0
    }

    func save(_ delivery: Channels.Delivery) throws {
        try db.execute(
            sql: "UPDATE delivery SET state = ?, due_at_ms = ?, external_id = ?, body = ? WHERE delivery_id = ?",
            arguments: [
                delivery.state?.rawValue, delivery.due_at_ms ?? nowMs, delivery.external_id, try delivery.blob(),
                delivery.delivery_id,
            ])
    }

    func setPosition(_ sequence: UInt64, service: String) throws {
        try db.execute(
            sql: """
                INSERT INTO consumed (service, sequence) VALUES (?, ?)
                ON CONFLICT (service) DO UPDATE SET sequence = excluded.sequence
                """,
            arguments: [service, Int64(sequence)])
    }

    func setMailboxCursor(_ cursor: MailboxCursor, mailbox: String) throws {
        try db.execute(
            sql: """
                INSERT INTO mailbox_cursor (mailbox, uid_validity, last_uid) VALUES (?, ?, ?)
                ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid
                """,
            arguments: [mailbox, Int64(cursor.uidValidity), Int64(cursor.lastUID)])
    }

    func insert(_ attachment: Channels.Attachment, data: Data) throws {
        try db.execute(
            sql: "INSERT INTO attachment (attachment_id, ticket_id, body, data) VALUES (?, ?, ?, ?)",
            arguments: [attachment.attachment_id, attachment.ticket_id, try attachment.blob(), data])
    }

    func setSetting(_ name: String, _ value: Int64) throws {
        try db.execute(
            sql:
                "INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            arguments: [name, value])
    }
}

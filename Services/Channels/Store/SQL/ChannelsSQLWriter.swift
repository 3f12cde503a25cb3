import Contract
import Domain
import Foundation
import ServiceKit
import Wire

/// The changes of `ChannelsWriting` inside one write transaction of the store,
/// SQLite or PostgreSQL.
final class ChannelsSQLWriter: ChannelsSQLReader, ChannelsWriting {
    func insert(_ received: ReceivedMessage, channel: Channel, externalID: String) throws {
        try session.execute(
            """
            INSERT INTO inbound (channel, external_id, ticket_id, message_id, received_at_ms)
            VALUES (?, ?, ?, ?, ?)
            """, channel.wireValue, externalID, received.ticketID, received.messageID, nowMs)
    }

    func setConversation(channel: Channel, key: String, ticketID: String) throws {
        try session.execute(
            """
            INSERT INTO conversation (channel, conversation_key, ticket_id, updated_at_ms) VALUES (?, ?, ?, ?)
            ON CONFLICT (channel, conversation_key) DO UPDATE SET ticket_id = excluded.ticket_id,
                updated_at_ms = excluded.updated_at_ms
            """, channel.wireValue, key, ticketID, nowMs)
    }

    func addMailReference(_ id: String, ticketID: String, outbound: Bool) throws {
        try session.execute(
            """
            INSERT INTO mail_reference (header_id, ticket_id, outbound) VALUES (?, ?, ?)
            ON CONFLICT (header_id) DO NOTHING
            """, id, ticketID, outbound)
    }

    func insert(_ delivery: Channels.Delivery) throws -> Bool {
        // RETURNING gives a row only when the insert happened (both backends).
        try !session.rows(
            """
            INSERT INTO delivery (delivery_id, ticket_id, state, due_at_ms, queued_at_ms, body)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING RETURNING delivery_id
            """, delivery.delivery_id, delivery.ticket_id, delivery.state?.rawValue, delivery.due_at_ms ?? nowMs,
            delivery.queued_at_ms ?? nowMs, try delivery.wireBytes()
        ).isEmpty
    }

    func save(_ delivery: Channels.Delivery) throws {
        try session.execute(
            "UPDATE delivery SET state = ?, due_at_ms = ?, external_id = ?, body = ? WHERE delivery_id = ?",
            delivery.state?.rawValue, delivery.due_at_ms ?? nowMs, delivery.external_id, try delivery.wireBytes(),
            delivery.delivery_id)
    }

    func setPosition(_ sequence: UInt64, service: String) throws {
        try session.execute(
            """
            INSERT INTO consumed (service, sequence) VALUES (?, ?)
            ON CONFLICT (service) DO UPDATE SET sequence = excluded.sequence
            """, service, Int64(sequence))
    }

    func setMailboxCursor(_ cursor: MailboxCursor, mailbox: String) throws {
        try session.execute(
            """
            INSERT INTO mailbox_cursor (mailbox, uid_validity, last_uid) VALUES (?, ?, ?)
            ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid
            """, mailbox, cursor.uidValidity, cursor.lastUID)
    }

    func insert(_ attachment: Channels.Attachment, data: Data) throws {
        try session.execute(
            "INSERT INTO attachment (attachment_id, ticket_id, body, data) VALUES (?, ?, ?, ?)",
            attachment.attachment_id, attachment.ticket_id, try attachment.wireBytes(), data)
    }

    func setSetting(_ name: String, _ value: Int64) throws {
        try session.execute(
            "INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            name, value)
    }
}

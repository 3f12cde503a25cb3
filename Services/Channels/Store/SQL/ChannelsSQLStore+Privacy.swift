import Contract
import Domain
import ServiceKit

extension ChannelsSQLReader {
    func conversations(ticketID: String) throws -> [Channels.Conversation] {
        try session.rows(
            """
            SELECT channel, conversation_key, updated_at_ms FROM conversation WHERE ticket_id = ?
            ORDER BY updated_at_ms, rowid
            """, ticketID
        ).map {
            Channels.Conversation(
                channel: try? Channel(wireValue: $0["channel"]), conversation_key: $0["conversation_key"],
                ticket_id: ticketID, updated_at_ms: $0["updated_at_ms"])
        }
    }
}

extension ChannelsSQLWriter {
    func erase(ticketID: String) throws {
        for table in ["conversation", "mail_reference", "inbound", "attachment"] {
            try session.execute("DELETE FROM \(table) WHERE ticket_id = ?", ticketID)
        }
        for var delivery in try decoded(
            Channels.Delivery.self, "SELECT body FROM delivery WHERE ticket_id = ?", [.text(ticketID)])
        {
            if let recipient = delivery.recipient, delivery.last_error?.contains(recipient) == true {
                delivery.last_error = "(erased)"
            }
            delivery.recipient = nil
            try save(delivery)
        }
    }
}

import Contract
import Domain
import GRDB
import ServiceKit

extension SQLiteChannelsReader {
    func conversations(ticketID: String) throws -> [Channels.Conversation] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT channel, conversation_key, updated_at_ms FROM conversation WHERE ticket_id = ?
                ORDER BY updated_at_ms
                """,
            arguments: [ticketID]
        ).map {
            Channels.Conversation(
                channel: try? Channel(wireValue: Int32($0["channel"] as Int64)),
                conversation_key: $0["conversation_key"],
                ticket_id: ticketID, updated_at_ms: $0["updated_at_ms"])
        }
    }
}

extension SQLiteChannelsWriter {
    func erase(ticketID: String) throws {
        for table in ["conversation", "mail_reference", "inbound", "attachment"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE ticket_id = ?", arguments: [ticketID])
        }
        for row in try Row.fetchAll(db, sql: "SELECT body FROM delivery WHERE ticket_id = ?", arguments: [ticketID]) {
            var delivery = try Channels.Delivery(row: row)
            if let recipient = delivery.recipient, delivery.last_error?.contains(recipient) == true {
                delivery.last_error = "(erased)"
            }
            delivery.recipient = nil
            try save(delivery)
        }
    }
}

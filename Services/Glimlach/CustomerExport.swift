import Bus
import Contract
import Foundation
import Wire

/// The export of one customer: each service's reply as JSON in one document.
enum CustomerExport {
    static func document(_ customerID: String, client: any RPCClient, timeout: Duration) async throws -> String {
        let options = CallOptions(timeout: timeout)
        let tickets = try await Tickets.Client(client).exportCustomer(
            Tickets.ExportCustomerRequest(customer_id: customerID), options: options)
        let feedback = try await Feedback.Client(client).exportCustomer(
            Feedback.ExportCustomerRequest(customer_id: customerID), options: options)
        let ticketIDs = tickets.tickets.compactMap(\.ticket_id)
        var channels = Channels.ExportTicketsReply()
        for start in stride(from: 0, to: ticketIDs.count, by: 500) {
            let part = try await Channels.Client(client).exportTickets(
                Channels.ExportTicketsRequest(ticket_ids: Array(ticketIDs[start..<min(start + 500, ticketIDs.count)])),
                options: options)
            channels.conversations += part.conversations
            channels.deliveries += part.deliveries
            channels.attachments += part.attachments
        }
        let exportedAt = ISO8601DateFormatter().string(from: Date())
        return """
            {
              "customer_id": \(quoted(customerID)),
              "exported_at": \(quoted(exportedAt)),
              "tickets": \(try json(tickets)),
              "feedback": \(try json(feedback)),
              "channels": \(try json(channels))
            }
            """
    }

    /// The JSON of `message`, indented to sit one level in.
    private static func json(_ message: some WireMessage) throws -> String {
        let schema = MessageSchema.named(type(of: message).messageName)!
        let text = WireJSON.text(of: try WireCodec.decode(try message.wireBytes(), as: schema), as: schema)
        return text.replacingOccurrences(of: "\n", with: "\n  ")
    }

    private static func quoted(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }
}

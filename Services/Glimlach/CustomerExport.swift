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
        let channels = try await Self.channels(
            tickets.tickets.compactMap(\.ticket_id), client: client, options: options)
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

    /// What channels holds for `tickets`, asked for in parts of 500.
    static func channels(_ tickets: [String], client: any RPCClient, options: CallOptions) async throws
        -> Channels.ExportTicketsReply
    {
        var reply = Channels.ExportTicketsReply()
        for start in stride(from: 0, to: tickets.count, by: 500) {
            let part = try await Channels.Client(client).exportTickets(
                Channels.ExportTicketsRequest(ticket_ids: Array(tickets[start..<min(start + 500, tickets.count)])),
                options: options)
            reply.conversations += part.conversations
            reply.deliveries += part.deliveries
            reply.attachments += part.attachments
        }
        return reply
    }

    /// The JSON of `message`, indented to sit one level in.
    private static func json<Message: WireMessage>(_ message: Message) throws -> String {
        let schema = Message.schema
        let text = WireJSON.text(of: try WireCodec.decode(try message.wireBytes(), as: schema), as: schema)
        return text.replacingOccurrences(of: "\n", with: "\n  ")
    }

    private static func quoted(_ text: String) -> String {
        (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}

import Contract
import Domain
import Foundation

/// A customer's message as any channel brings it in, checked: what opens a ticket
/// or joins one.
struct InboundMessage: Sendable, Equatable {
    var channel: Channel
    /// E-mail address, phone number, Messenger id, chat visitor id.
    var handle: String
    var name: String
    var language: String?
    var country: String
    /// The conversation it belongs to on its channel; messages of one join one ticket.
    var conversationKey: String
    var subject: String
    var body: String
    /// The channel's own id of the message: the same id is recorded once.
    var externalID: String
    var sentAtMs: Int64?
    /// E-mail: the Message-IDs it answers (In-Reply-To first, then References,
    /// newest first) and its own.
    var mailReferences: [String] = []
    var mailID: String?
    /// Files that came with it (an e-mail's attachments).
    var attachments: [InboundAttachment] = []

    /// The idempotency key of the ticket writes it causes.
    var key: String { "inbound-\(channel.wireValue)-\(externalID)" }

    /// A new ticket's subject: the given one, or the start of the body.
    static func subject(_ given: String?, body: String) -> String {
        if let given = given?.trimmingCharacters(in: .whitespacesAndNewlines), !given.isEmpty {
            return String(given.prefix(200))
        }
        let firstLine = body.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let start = firstLine.trimmingCharacters(in: .whitespaces)
        return start.isEmpty ? "(no subject)" : String(start.prefix(80))
    }
}

/// A file that came with a customer's message.
struct InboundAttachment: Sendable, Equatable {
    var filename: String
    var contentType: String
    var data: Data
}

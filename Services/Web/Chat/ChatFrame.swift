import Foundation

/// What the chat socket says, one JSON text frame each:
///
/// - `{"type":"conversation","lines":[...]}`: the whole conversation, when it changed;
/// - `{"type":"hours","open":false,"text":"Chat opens tomorrow at 08:00."}`: at the
///   start and when the chat opens or closes;
/// - `{"type":"sent","id":"..."}`: the customer's message is on the ticket;
/// - `{"type":"refused","id":"...","text":"..."}`: it is not, and why;
/// - `{"type":"closed","text":"..."}`: the socket closes (idle too long).
struct ChatFrame: Codable, Equatable, Sendable {
    var type: String
    var id: String?
    var text: String?
    var open: Bool?
    var lines: [ChatLine]?

    static func conversation(_ lines: [ChatLine]) -> ChatFrame { ChatFrame(type: "conversation", lines: lines) }
    static func hours(open: Bool, text: String?) -> ChatFrame { ChatFrame(type: "hours", text: text, open: open) }
    static func sent(_ id: String) -> ChatFrame { ChatFrame(type: "sent", id: id) }
    static func refused(_ id: String?, _ text: String) -> ChatFrame { ChatFrame(type: "refused", id: id, text: text) }
    static func closed(_ text: String) -> ChatFrame { ChatFrame(type: "closed", text: text) }

    /// The frame as JSON text.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// What the widget sends: `{"id":"<its id for the message>","text":"...","name":"..."}`.
struct ChatPost: Codable, Sendable {
    var id: String?
    var text: String?
    var name: String?

    static let maxText = 2000
    static let maxName = 100

    /// The checked message: its id, text and the name typed (nil when none).
    /// - Throws: `ChatPost.Problem` naming the field.
    func checked() throws(Problem) -> (id: String, text: String, name: String?) {
        guard let id, (8...100).contains(id.count),
            id.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" })
        else { throw Problem(field: "id", key: "chat_error_id") }
        let text = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Problem(field: "text", key: "chat_error_empty") }
        guard text.count <= Self.maxText else { throw Problem(field: "text", key: "chat_error_long") }
        let name = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard name.count <= Self.maxName else { throw Problem(field: "name", key: "chat_error_name") }
        return (id, text, name.isEmpty ? nil : name)
    }

    /// A message the widget should not have sent: the field and the text key saying why.
    struct Problem: Error {
        let field: String
        let key: String
    }
}

/// The body of a Messenger Platform webhook delivery (`object: "page"`), as far as the
/// `messages` event needs it. Unknown fields are ignored; events without a `message`
/// (delivery and read receipts, postbacks, ...) decode with `message == nil`.
struct MessengerPayload: Decodable {
    var object: String
    var entry: [Entry]

    struct Entry: Decodable {
        /// The Page id.
        var id: String
        /// Milliseconds since 1970.
        var time: Int64?
        /// Absent when the entry carries `standby` or `changes` instead.
        var messaging: [Event]?
    }

    struct Event: Decodable {
        var sender: Party
        var recipient: Party
        /// Milliseconds since 1970.
        var timestamp: Int64?
        var message: Message?
    }

    struct Party: Decodable {
        var id: String
    }

    struct Message: Decodable {
        var mid: String
        var text: String?
        var isEcho: Bool?
        var attachments: [Attachment]?

        enum CodingKeys: String, CodingKey {
            case mid, text, attachments
            case isEcho = "is_echo"
        }
    }

    struct Attachment: Decodable {
        var type: String
        var payload: Payload?

        struct Payload: Decodable {
            var url: String?
        }
    }
}

/// The body of a WhatsApp Cloud API webhook delivery
/// (`object: "whatsapp_business_account"`, field `messages`). Unknown fields are ignored;
/// a change without `messages` or `statuses` decodes with both nil.
struct WhatsAppPayload: Decodable {
    var object: String
    var entry: [Entry]

    struct Entry: Decodable {
        /// The WhatsApp Business Account id.
        var id: String?
        var changes: [Change]?
    }

    struct Change: Decodable {
        var field: String?
        var value: Value
    }

    struct Value: Decodable {
        /// Present on `messages` changes; other fields' values may lack it.
        var metadata: Metadata?
        var contacts: [Contact]?
        var messages: [Message]?
        var statuses: [Status]?
    }

    struct Metadata: Decodable {
        var phoneNumberID: String

        enum CodingKeys: String, CodingKey {
            case phoneNumberID = "phone_number_id"
        }
    }

    struct Contact: Decodable {
        var profile: Profile?
        var waID: String

        struct Profile: Decodable {
            var name: String?
        }

        enum CodingKeys: String, CodingKey {
            case profile
            case waID = "wa_id"
        }
    }

    struct Message: Decodable {
        var from: String
        var id: String
        /// Seconds since 1970, as a string.
        var timestamp: String
        var type: String
        var text: Text?
        /// The media object of `image`, `audio`, `video`, `document` or `sticker`
        /// messages, read from the key named by `type`.
        var media: Media?

        struct Text: Decodable {
            var body: String
        }

        struct Media: Decodable {
            var id: String?
            var mimeType: String?
            var caption: String?

            enum CodingKeys: String, CodingKey {
                case id, caption
                case mimeType = "mime_type"
            }
        }

        enum CodingKeys: String, CodingKey {
            case from, id, timestamp, type, text
            case image, audio, video, document, sticker
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            from = try container.decode(String.self, forKey: .from)
            id = try container.decode(String.self, forKey: .id)
            timestamp = try container.decode(String.self, forKey: .timestamp)
            type = try container.decode(String.self, forKey: .type)
            text = try container.decodeIfPresent(Text.self, forKey: .text)
            if let key = CodingKeys(stringValue: type), [.image, .audio, .video, .document, .sticker].contains(key) {
                media = try container.decodeIfPresent(Media.self, forKey: key)
            } else {
                media = nil
            }
        }
    }

    struct Status: Decodable {
        var id: String
        var status: String
        /// Seconds since 1970, as a string.
        var timestamp: String
        var recipientID: String
        var errors: [StatusError]?

        enum CodingKeys: String, CodingKey {
            case id, status, timestamp, errors
            case recipientID = "recipient_id"
        }
    }

    struct StatusError: Decodable {
        var code: Int?
        var title: String?
        var message: String?
        var errorData: ErrorData?

        struct ErrorData: Decodable {
            var details: String?
        }

        enum CodingKeys: String, CodingKey {
            case code, title, message
            case errorData = "error_data"
        }
    }
}

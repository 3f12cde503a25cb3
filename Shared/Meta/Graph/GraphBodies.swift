/// The JSON bodies of the Graph API's send endpoints and their answers.
enum GraphBodies {
    /// `POST /{version}/me/messages` (Messenger Send API), a reply to the customer.
    struct MessengerSend: Encodable {
        var recipient: Recipient
        var messagingType = "RESPONSE"
        var message: Message

        struct Recipient: Encodable { var id: String }
        struct Message: Encodable { var text: String }

        enum CodingKeys: String, CodingKey {
            case recipient, message
            case messagingType = "messaging_type"
        }
    }

    /// `POST /{version}/{phone-number-id}/messages` (WhatsApp Cloud API), a text message.
    struct WhatsAppSend: Encodable {
        var messagingProduct = "whatsapp"
        var recipientType = "individual"
        var to: String
        var type = "text"
        var text: Text

        struct Text: Encodable {
            var previewURL = false
            var body: String

            enum CodingKeys: String, CodingKey {
                case body
                case previewURL = "preview_url"
            }
        }

        enum CodingKeys: String, CodingKey {
            case to, type, text
            case messagingProduct = "messaging_product"
            case recipientType = "recipient_type"
        }
    }

    /// A send's answer: Messenger `{"recipient_id", "message_id"}`, WhatsApp
    /// `{"messages": [{"id"}]}`.
    struct SendAnswer: Decodable {
        var messageID: String?
        var messages: [Sent]?

        struct Sent: Decodable { var id: String }

        enum CodingKeys: String, CodingKey {
            case messages
            case messageID = "message_id"
        }

        var id: String? { messageID ?? messages?.first?.id }
    }

    /// A Graph API error answer: `{"error": {"message", "type", "code", "error_subcode"}}`.
    struct ErrorAnswer: Decodable {
        var error: Detail

        struct Detail: Decodable {
            var message: String?
            var code: Int?
            var errorSubcode: Int?

            enum CodingKeys: String, CodingKey {
                case message, code
                case errorSubcode = "error_subcode"
            }
        }
    }
}

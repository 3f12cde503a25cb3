import Domain
import Foundation

/// Reads the JSON body of a Meta webhook delivery: Messenger (`object: "page"`) or the
/// WhatsApp Cloud API (`object: "whatsapp_business_account"`).
///
/// Unknown fields are ignored, so new fields Meta adds do not break delivery. Malformed
/// bodies fail with the field named, e.g. `entry.0.messaging.0.sender.id: is missing`.
///
/// ```swift
/// let batch = try MetaWebhookParser.parse(body)
/// ```
public enum MetaWebhookParser {
    /// The `object` of Messenger deliveries.
    public static let messengerObject = "page"
    /// The `object` of WhatsApp Cloud API deliveries.
    public static let whatsAppObject = "whatsapp_business_account"

    /// The messages and statuses in a delivery's body.
    ///
    /// - Parameters:
    ///   - body: The raw request body.
    /// - Throws: `DomainError.invalid` naming the field (`body` when it is not JSON,
    ///   `object` for a platform other than Messenger and WhatsApp).
    public static func parse(_ body: Data) throws(DomainError) -> MetaWebhookBatch {
        let envelope = try decode(Envelope.self, from: body)
        switch envelope.object {
        case messengerObject:
            return MetaWebhookBatch(messages: try decode(MessengerPayload.self, from: body).inboundMessages())
        case whatsAppObject:
            let (messages, statuses) = try decode(WhatsAppPayload.self, from: body).inbound()
            return MetaWebhookBatch(messages: messages, statuses: statuses)
        default:
            throw .invalid(
                field: "object",
                reason: "must be \"\(messengerObject)\" or \"\(whatsAppObject)\", got \"\(envelope.object)\"")
        }
    }

    private struct Envelope: Decodable {
        var object: String
    }

    private static func decode<T: Decodable>(_ type: T.Type, from body: Data) throws(DomainError) -> T {
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch let error as DecodingError {
            throw fieldError(error)
        } catch {
            throw .invalid(field: "body", reason: "is not valid JSON")
        }
    }

    /// A decoding error as `field: reason`, the field being the JSON path with array
    /// indices as numbers (`entry.0.changes.0.value.messages.0.id`).
    static func fieldError(_ error: DecodingError) -> DomainError {
        switch error {
        case .keyNotFound(let key, let context):
            return .invalid(
                field: Validation.fieldName(context.codingPath + [key], fallback: "body"), reason: "is missing")
        case .valueNotFound(_, let context):
            return .invalid(
                field: Validation.fieldName(context.codingPath, fallback: "body"), reason: "must not be null")
        case .typeMismatch(let type, let context):
            return .invalid(
                field: Validation.fieldName(context.codingPath, fallback: "body"), reason: "must be \(jsonName(type))")
        case .dataCorrupted(let context):
            let reason = context.codingPath.isEmpty ? "is not valid JSON" : "is malformed"
            return .invalid(field: Validation.fieldName(context.codingPath, fallback: "body"), reason: reason)
        @unknown default:
            return .invalid(field: "body", reason: "is malformed")
        }
    }

    private static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}

import Bus
import Foundation
import Wire

/// The JSON body of a webhook: `{"type": ..., "timestamp": ..., "data": {...}}`,
/// with the source event's payload as `data` under the proto field names
/// (`WireJSON`: enums by value name, int64 as numbers) and `timestamp` the
/// instant the event happened, ISO 8601 UTC with milliseconds.
enum WebhookPayload {
    /// The body for `type`, made once when the delivery is derived, so every
    /// attempt and replay sends the same bytes.
    /// - Throws: `WireError` when the payload does not decode as `schema`.
    static func body(type: PublicEvent, event: Event, schema: MessageSchema) throws -> String {
        let data = WireJSON.text(of: try WireCodec.decode(event.payload, as: schema), as: schema)
        let time = timestamp(event.occurred_at_ms)
        return "{\"type\": \"\(type.rawValue)\", \"timestamp\": \"\(time)\", \"data\": \(data)}"
    }

    static func timestamp(_ ms: Int64) -> String {
        var format = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        format.timeZone = TimeZone(identifier: "UTC")!
        return Date(timeIntervalSince1970: Double(ms) / 1000).formatted(format)
    }
}

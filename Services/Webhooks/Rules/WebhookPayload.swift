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

    /// `body` with its `data` replaced by `{"erased": true}`, `type` and
    /// `timestamp` kept (a customer's erasure, docs/privacy.md); nil when it is so
    /// already. A body that is not such an object becomes `{"data": {"erased": true}}`.
    static func erased(_ body: String) -> String? {
        let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
        if let data = object?["data"] as? [String: Any], data.count == 1, data["erased"] as? Bool == true {
            return nil
        }
        let kept = ["type", "timestamp"].compactMap { key in
            (object?[key] as? String).map { "\"\(key)\": \(quoted($0)), " }
        }
        return "{" + kept.joined() + "\"data\": {\"erased\": true}}"
    }

    /// `text` as a JSON string.
    private static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    static func timestamp(_ ms: Int64) -> String {
        var format = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        format.timeZone = TimeZone(identifier: "UTC")!
        return Date(timeIntervalSince1970: Double(ms) / 1000).formatted(format)
    }
}

import Foundation
import Hummingbird
import Synchronization

/// An OpenTelemetry collector's OTLP/HTTP traces endpoint on loopback
/// (`POST /v1/traces`, JSON encoding), keeping every span it is sent.
final class OTLPReceiver: Sendable {
    /// One span as exported, with the `service.name` of the process that sent it.
    struct Span: Sendable {
        let service: String
        let name: String
        let traceID: String
        let spanID: String
        let parentSpanID: String
        let startNanos: UInt64
        let endNanos: UInt64
        /// OTLP's status code: 0 unset, 1 ok, 2 error.
        let statusCode: Int
    }

    let port: Int
    private let received: SpanLog
    private let server: Task<Void, any Error>

    init(port: Int) {
        self.port = port
        let router = Router()
        let received = SpanLog()
        self.received = received
        router.post("/v1/traces") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 16 << 20)
            let spans = Self.spans(in: Data(buffer: body))
            received.add(spans)
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: .init(string: "{}")))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        server = Task { try await app.runService() }
    }

    var spans: [Span] { received.all }

    func stop() {
        server.cancel()
    }

    /// The spans of an `ExportTraceServiceRequest` in OTLP's JSON encoding.
    static func spans(in body: Data) -> [Span] {
        guard let root = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return [] }
        var spans: [Span] = []
        for resource in root["resourceSpans"] as? [[String: Any]] ?? [] {
            let attributes = (resource["resource"] as? [String: Any])?["attributes"] as? [[String: Any]] ?? []
            let service =
                attributes.first { $0["key"] as? String == "service.name" }
                .flatMap { ($0["value"] as? [String: Any])?["stringValue"] as? String } ?? ""
            for scope in resource["scopeSpans"] as? [[String: Any]] ?? [] {
                for span in scope["spans"] as? [[String: Any]] ?? [] {
                    spans.append(
                        Span(
                            service: service, name: span["name"] as? String ?? "",
                            traceID: span["traceId"] as? String ?? "", spanID: span["spanId"] as? String ?? "",
                            parentSpanID: span["parentSpanId"] as? String ?? "",
                            startNanos: number(span["startTimeUnixNano"]), endNanos: number(span["endTimeUnixNano"]),
                            statusCode: Int(number((span["status"] as? [String: Any])?["code"]))))
                }
            }
        }
        return spans
    }

    /// OTLP JSON writes 64-bit integers as strings, small enums as numbers or names.
    private static func number(_ value: Any?) -> UInt64 {
        if let text = value as? String {
            return UInt64(text) ?? (text.hasSuffix("ERROR") ? 2 : text.hasSuffix("OK") ? 1 : 0)
        }
        return (value as? NSNumber)?.uint64Value ?? 0
    }
}

/// The spans received so far, shared with the server's handler.
private final class SpanLog: Sendable {
    private let spans = Mutex<[OTLPReceiver.Span]>([])
    var all: [OTLPReceiver.Span] { spans.withLock { $0 } }
    func add(_ more: [OTLPReceiver.Span]) { spans.withLock { $0 += more } }
}

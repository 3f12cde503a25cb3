import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A local stand-in for the Graph API's send endpoints. It checks every request's shape
/// (method, path, bearer token, content type, the JSON fields of Messenger's Send API and
/// the WhatsApp Cloud API), records it, and answers with the next scripted answer, or
/// with a message id when none is left. A wrong-shaped request is recorded as a problem
/// and answered 400 with a Graph-style error starting `stand-in:`.
public final class GraphStandIn: Sendable {
    /// One request as received.
    public struct Received: Sendable {
        public var path: String
        public var json: [String: String]
        public var at: ContinuousClock.Instant
    }

    /// One scripted answer.
    public struct Answer: Sendable {
        public var status: HTTPResponse.Status
        public var retryAfter: String?
        public var body: String?

        public init(status: HTTPResponse.Status, retryAfter: String? = nil, body: String? = nil) {
            self.status = status
            self.retryAfter = retryAfter
            self.body = body
        }
    }

    public static let token = "test-page-token"
    public static let version = "v21.0"

    private struct State {
        var answers: [Answer] = []
        var received: [Received] = []
        var problems: [String] = []
    }

    private let state = Mutex(State())

    public init(answers: [Answer] = []) {
        state.withLock { $0.answers = answers }
    }

    public var received: [Received] { state.withLock { $0.received } }
    public var problems: [String] { state.withLock { $0.problems } }

    /// Runs the stand-in on a loopback port and calls `body` with its base URL.
    public func run<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.get("/stand-in/ready") { _, _ in HTTPResponse.Status.ok }
        for method in [HTTPRequest.Method.post, .get, .put] {
            router.on("**", method: method) { request, _ in await self.answer(request) }
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            // The test client connects on its own; a first answer to it makes sure that
            // connection is up, so it is not still being accepted when the server stops.
            _ = try await client.execute(uri: "/stand-in/ready", method: .get)
            return try await body("http://127.0.0.1:\(client.port!)")
        }
    }

    private func answer(_ request: Request) async -> Response {
        let bytes = (try? await request.body.collect(upTo: 1 << 20)).map { Data($0.readableBytesView) } ?? Data()
        let path = request.uri.path
        var problems: [String] = []
        if request.method != .post { problems.append("method: must be POST, got \(request.method)") }
        if request.headers[.authorization] != "Bearer \(Self.token)" {
            problems.append(
                "Authorization: must be 'Bearer \(Self.token)', got '\(request.headers[.authorization] ?? "")'")
        }
        if request.headers[.contentType]?.hasPrefix("application/json") != true {
            problems.append("Content-Type: must be application/json, got '\(request.headers[.contentType] ?? "")'")
        }
        let object = try? JSONDecoder().decode(JSONValue.self, from: bytes)
        var flat: [String: String] = [:]
        let parts = path.split(separator: "/").map(String.init)
        if object?.isObject != true {
            problems.append("body: must be a JSON object")
        } else if parts.count == 3, parts[0] == Self.version, parts[2] == "messages" {
            flat = Self.flatten(object!)
            problems += parts[1] == "me" ? Self.messengerProblems(flat) : Self.whatsAppProblems(flat, account: parts[1])
        } else {
            problems.append("path: must be /\(Self.version)/{me|phone-number-id}/messages, got \(path)")
        }
        let next: Answer? = state.withLock { state in
            state.received.append(Received(path: path, json: flat, at: .now))
            state.problems += problems
            return problems.isEmpty && !state.answers.isEmpty ? state.answers.removeFirst() : nil
        }
        if !problems.isEmpty {
            return Self.json(
                .badRequest, #"{"error":{"message":"stand-in: \#(problems.joined(separator: "; "))","code":100}}"#)
        }
        let count = received.count
        if let next, next.status != .ok {
            var response = Self.json(next.status, next.body ?? #"{"error":{"message":"scripted","code":2}}"#)
            if let retryAfter = next.retryAfter { response.headers[.retryAfter] = retryAfter }
            return response
        }
        if parts[1] == "me" {
            return Self.json(.ok, #"{"recipient_id":"\#(flat["recipient.id"] ?? "")","message_id":"m_\#(count)"}"#)
        }
        return Self.json(
            .ok,
            #"{"messaging_product":"whatsapp","contacts":[{"input":"\#(flat["to"] ?? "")","wa_id":"\#(flat["to"] ?? "")"}],"messages":[{"id":"wamid.\#(count)"}]}"#
        )
    }

    private static func messengerProblems(_ json: [String: String]) -> [String] {
        var problems: [String] = []
        if json["recipient.id"]?.isEmpty != false { problems.append("recipient.id: must be a PSID") }
        if json["messaging_type"] != "RESPONSE" { problems.append("messaging_type: must be RESPONSE") }
        if json["message.text"] == nil { problems.append("message.text: is missing") }
        return problems + unexpected(json, allowed: ["recipient.id", "messaging_type", "message.text"])
    }

    private static func whatsAppProblems(_ json: [String: String], account: String) -> [String] {
        var problems: [String] = []
        if !account.allSatisfy(\.isNumber) { problems.append("path: phone number id must be digits, got \(account)") }
        if json["messaging_product"] != "whatsapp" { problems.append("messaging_product: must be whatsapp") }
        if json["recipient_type"] != "individual" { problems.append("recipient_type: must be individual") }
        if json["to"]?.isEmpty != false { problems.append("to: must be a wa_id") }
        if json["type"] != "text" { problems.append("type: must be text") }
        if json["text.preview_url"] != "false" { problems.append("text.preview_url: must be false") }
        if json["text.body"] == nil { problems.append("text.body: is missing") }
        let allowed = ["messaging_product", "recipient_type", "to", "type", "text.preview_url", "text.body"]
        return problems + unexpected(json, allowed: Set(allowed))
    }

    private static func unexpected(_ json: [String: String], allowed: Set<String>) -> [String] {
        json.keys.filter { !allowed.contains($0) }.sorted().map { "\($0): is not a field of this request" }
    }

    /// Nested objects as dotted keys; booleans as `true`/`false`, strings as themselves.
    private static func flatten(_ value: JSONValue, prefix: String = "") -> [String: String] {
        switch value {
        case .object(let members):
            return members.reduce(into: [:]) { flat, member in
                let name = prefix.isEmpty ? member.key : "\(prefix).\(member.key)"
                flat.merge(flatten(member.value, prefix: name), uniquingKeysWith: { $1 })
            }
        case .string(let text): return [prefix: text]
        case .bool(let flag): return [prefix: flag ? "true" : "false"]
        case .number(let number): return [prefix: "\(number)"]
        case .other: return [prefix: "(array or null)"]
        }
    }

    private static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

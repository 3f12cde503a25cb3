import Bus
import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import Wire

/// One HTTP request turned into a bus call and its reply into JSON: the body (POST)
/// or the query (GET) becomes the request message, the headers the call's options.
///
/// Headers: `Idempotency-Key` is the call's idempotency key; `X-Deadline-Ms` its
/// timeout in milliseconds (1...60000, default the gateway's); `X-Request-Id` its
/// trace id, echoed on the reply (one is made up when absent); `Page-Token` sets
/// `page_token` of a listing when neither body nor query does, and the reply's
/// `next_page_token` also comes back as `Next-Page-Token`.
struct MethodCall {
    /// The largest request body read.
    static let bodyLimit = 1 << 20
    static let requestID = HTTPField.Name("X-Request-Id")!
    static let deadline = HTTPField.Name("X-Deadline-Ms")!
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let pageToken = HTTPField.Name("Page-Token")!
    static let nextPageToken = HTTPField.Name("Next-Page-Token")!

    let route: APIRoute
    let client: any RPCClient
    let caller: GatewayCaller

    /// The JSON reply, or the error as the API answers it.
    func respond(to request: Request, requestID: String) async throws -> Response {
        let payload = try await payload(of: request)
        let options = CallOptions(
            timeout: try timeout(request), idempotencyKey: request.headers[Self.idempotencyKey], traceID: requestID,
            actor: caller.actor)
        let bytes = try await client.call(
            service: route.service, method: route.method.name, payload: payload, idempotent: route.idempotent,
            options: options)
        let reply: WireRecord
        do { reply = try WireCodec.decode(bytes, as: route.method.reply) } catch {
            throw RPCError(.internal, "the reply of \(route.service).\(route.method.name) does not decode: \(error)")
        }
        var headers: HTTPFields = [.contentType: "application/json", Self.requestID: requestID]
        if route.pages, case .string(let next)? = reply["next_page_token"], !next.isEmpty {
            headers[Self.nextPageToken] = next
        }
        let text = WireJSON.text(of: reply, as: route.method.reply) + "\n"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The request message encoded for the bus.
    /// - Throws: INVALID_ARGUMENT naming the field (or `body`) for what does not fit.
    func payload(of request: Request) async throws -> [UInt8] {
        let schema = route.method.request
        var record: WireRecord
        do {
            record = try await message(of: request)
        } catch let error as WireError {
            throw Self.invalid(error, in: schema)
        } catch let error as JSONSyntaxError {
            throw RPCError(.invalidArgument, "body: not JSON: \(error)")
        }
        if route.pages, record["page_token"] == nil, let token = request.headers[Self.pageToken] {
            record["page_token"] = .string(token)
        }
        do { return try WireCodec.encode(record, as: schema) } catch let error as WireError {
            throw Self.invalid(error, in: schema)
        }
    }

    /// The request message: the JSON body of a POST, the query of a GET.
    private func message(of request: Request) async throws -> WireRecord {
        let schema = route.method.request
        if request.method == .get {
            let items = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) }
            return try WireJSON.record(fromQuery: items, as: schema)
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: Self.bodyLimit) } catch {
            throw RPCError(.invalidArgument, "body: larger than \(Self.bodyLimit) bytes")
        }
        let text = String(decoding: body.readableBytesView, as: UTF8.self)
        return try WireJSON.record(from: text, as: schema)
    }

    /// `X-Deadline-Ms` as a duration; nil: the client's default.
    private func timeout(_ request: Request) throws -> Duration? {
        guard let text = request.headers[Self.deadline] else { return nil }
        guard let milliseconds = Int(text), (1...60_000).contains(milliseconds) else {
            throw RPCError(.invalidArgument, "X-Deadline-Ms: must be whole milliseconds, 1...60000")
        }
        return .milliseconds(milliseconds)
    }

    /// A request that does not fit the message: INVALID_ARGUMENT starting with the field.
    static func invalid(_ error: WireError, in schema: MessageSchema) -> RPCError {
        switch error {
        case .invalidValue(let field, let reason):
            RPCError(.invalidArgument, "\(field == schema.fullName ? "body" : field): \(reason)")
        case .unknownField(let message, let field): RPCError(.invalidArgument, "\(field): \(message) has no such field")
        case .missingField(let field): RPCError(.invalidArgument, "\(field): is required")
        case .malformed: RPCError(.invalidArgument, "body: \(error)")
        }
    }
}

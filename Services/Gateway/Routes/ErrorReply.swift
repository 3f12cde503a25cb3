import Bus
import Foundation
import HTTPAPI
import Hummingbird

/// An error as the API answers it: the HTTP status grpc-gateway gives the gRPC code
/// and a `google.rpc.Status` body; when the message of an INVALID_ARGUMENT or
/// OUT_OF_RANGE starts with a field's name (`score: must be 0..10`), a
/// `google.rpc.BadRequest` detail names the field.
struct ErrorReply {
    let error: RPCError

    /// The field a message starts with: `items[2].amount.currency: ...` -> `items[2].amount.currency`.
    static func field(of message: String) -> String? {
        guard let colon = message.range(of: ": ") else { return nil }
        let head = message[..<colon.lowerBound]
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789_.[]-ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        guard let first = head.unicodeScalars.first, CharacterSet.letters.contains(first),
            head.unicodeScalars.allSatisfy(allowed.contains)
        else { return nil }
        return String(head)
    }

    /// The `google.rpc.Status` object.
    var json: [String: Any] {
        var body: [String: Any] = ["code": Int(error.code.rawValue), "message": error.message]
        let fieldCodes: Set<StatusCode> = [.invalidArgument, .outOfRange]
        if fieldCodes.contains(error.code), let field = Self.field(of: error.message) {
            let reason = String(error.message.dropFirst(field.count + 2))
            body["details"] = [
                [
                    "@type": "type.googleapis.com/google.rpc.BadRequest",
                    "field_violations": [["field": field, "description": reason]],
                ]
            ]
        }
        return body
    }

    /// What `error` answers over HTTP: its status (INTERNAL for an error that stands
    /// for none), `WWW-Authenticate: Bearer` with a 401, `Retry-After` with a token's 429.
    static func response(to error: any Error, headers: HTTPFields = [:]) -> Response {
        let status = RPCError.status(of: error) ?? RPCError(.internal, "\(error)")
        var response = ErrorReply(error: status).response(headers: headers)
        if status.code == .unauthenticated { response.headers[.wwwAuthenticate] = "Bearer" }
        if let limited = error as? RateLimited { response.headers[.retryAfter] = "\(limited.retryAfterSeconds)" }
        return response
    }

    func response(headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        let data = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(
            status: .init(code: error.code.httpStatus), headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

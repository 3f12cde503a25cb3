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

    func response(headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        let data = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(
            status: .init(code: error.code.httpStatus), headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

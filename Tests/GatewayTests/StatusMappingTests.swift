import Bus
import HTTPAPI
import Testing

@testable import GatewayService

@Suite("gRPC status to HTTP status and the error body")
struct StatusMappingTests {
    @Test(
        "each gRPC code answers with grpc-gateway's HTTP status",
        arguments: [
            (StatusCode.invalidArgument, 400), (.notFound, 404), (.alreadyExists, 409), (.permissionDenied, 403),
            (.unauthenticated, 401), (.resourceExhausted, 429), (.failedPrecondition, 400), (.unavailable, 503),
            (.deadlineExceeded, 504), (.internal, 500), (.unimplemented, 501), (.aborted, 409), (.cancelled, 499),
        ])
    func mapping(code: StatusCode, http: Int) {
        #expect(code.httpStatus == http)
        #expect(ErrorReply(error: RPCError(code, "x")).response().status.code == http)
    }

    @Test("a message starting with a field names it; other messages name none")
    func field() {
        #expect(ErrorReply.field(of: "amount.currency: must be ISO 4217") == "amount.currency")
        #expect(ErrorReply.field(of: "items[2].score: must be 0..10") == "items[2].score")
        #expect(ErrorReply.field(of: "no ticket 'T-1'") == nil)
        #expect(ErrorReply.field(of: "over budget: 12 EUR left") == nil)
        let body = ErrorReply(error: RPCError(.invalidArgument, "score: must be 0..10")).json
        let detail = (body["details"] as? [[String: Any]])?.first
        #expect(detail?["@type"] as? String == "type.googleapis.com/google.rpc.BadRequest")
        // A rule refusing the change now is no bad field: 400 without a BadRequest detail.
        let refused = ErrorReply(error: RPCError(.failedPrecondition, "amount: 12.00 EUR left of the budget")).json
        #expect(refused["details"] == nil && refused["code"] as? Int == 9)
    }
}

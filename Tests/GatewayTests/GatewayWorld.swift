import Bus
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport

@testable import GatewayService
@testable import StaffService
@testable import TicketsService

/// The real staff and tickets services in memory (on the suites' backend,
/// ``TestBackend``) (the executables' routers) behind
/// the gateway's router, with the token `secret-token`.
struct GatewayWorld {
    static let token = "secret-token"
    let transport = InMemoryTransport()
    private let directory = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-gw-\(UUID())")

    init() async throws {
        let staff = try await StaffSQLStore.open(try await TestBackend.freshDatabase("staff", in: directory))
        transport.serve(makeStaffRouter(store: staff))
        let tickets = try await TicketsSQLStore.open(try await TestBackend.freshDatabase("tickets", in: directory))
        transport.serve(makeTicketsRouter(store: tickets, client: transport))
    }

    /// Runs `body` against the gateway's router.
    func withGateway(
        authenticator: (any GatewayAuthenticator)? = nil,
        _ body: @escaping @Sendable (GatewayClient) async throws -> Void
    ) async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let router = makeGatewayRouter(
            client: transport, authenticator: authenticator ?? StaticTokenAuthenticator(token: Self.token))
        try await Application(router: router).test(.router) { client in try await body(GatewayClient(client)) }
    }
}

/// Sends JSON with the bearer token (unless told otherwise) and reads JSON replies.
struct GatewayClient: Sendable {
    let client: any TestClientProtocol

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Reply {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
        /// The field named by the error's `google.rpc.BadRequest` detail.
        var violatedField: String? {
            let details = json["details"] as? [[String: Any]]
            let violations = details?.first?["field_violations"] as? [[String: Any]]
            return violations?.first?["field"] as? String
        }
    }

    func post(
        _ path: String, _ body: String, headers: HTTPFields = [:], token: String? = GatewayWorld.token
    ) async throws -> Reply {
        try await send(path, .post, body: body, headers: headers, token: token)
    }

    func get(_ path: String, headers: HTTPFields = [:], token: String? = GatewayWorld.token) async throws -> Reply {
        try await send(path, .get, body: nil, headers: headers, token: token)
    }

    private func send(
        _ path: String, _ method: HTTPRequest.Method, body: String?, headers: HTTPFields, token: String?
    ) async throws -> Reply {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }
}

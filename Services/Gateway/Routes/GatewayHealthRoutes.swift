import Bus
import Hummingbird

/// `/healthz`: the process serves HTTP; `/healthz/ready`: it also reaches the bus.
/// `/openapi.json`: the API's OpenAPI document. None needs a token.
struct GatewayHealthRoutes: Sendable {
    let client: any RPCClient
    /// The OpenAPI document's text.
    let document: String

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/healthz/ready") { _, _ in await ready() }
        let document = ByteBuffer(string: document)
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: document))
        }
    }

    private func ready() async -> Response {
        do {
            let reply = try await client.call(BusAPI.health, HealthRequest(), options: .init(timeout: .seconds(1)))
            if reply.status == .serving { return Self.text("ready\n", .ok) }
            return Self.text("not ready: the bus is not serving\n", .serviceUnavailable)
        } catch {
            return Self.text("not ready: no answer from the bus (\(error))\n", .serviceUnavailable)
        }
    }

    private static func text(_ body: String, _ status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

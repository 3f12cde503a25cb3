import Bus
import Hummingbird

/// `/healthz` and `/healthz/live`: the process serves HTTP (liveness; restart it
/// when this fails). `/healthz/ready`: it can also reach the bus, which every page
/// but these needs (readiness; send it no traffic while this fails).
struct HealthRoutes: Sendable {
    let client: any RPCClient
    /// How long the bus may take to answer its Health.
    var busTimeout: Duration = .seconds(1)

    func register(on router: Router<WebRequestContext>) {
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/healthz/live") { _, _ in "live\n" }
        router.get("/healthz/ready") { _, _ in await ready() }
    }

    private func ready() async -> Response {
        let problem: String
        do {
            let reply = try await client.call(BusAPI.health, HealthRequest(), options: .init(timeout: busTimeout))
            if reply.status == .serving { return Self.text("ready\n", .ok) }
            problem = "the bus is not serving"
        } catch let error as RPCError {
            problem = "no answer from the bus (\(error.code.description): \(error.message))"
        } catch {
            problem = "no answer from the bus (\(error))"
        }
        return Self.text("not ready: \(problem)\n", .serviceUnavailable)
    }

    private static func text(_ body: String, _ status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

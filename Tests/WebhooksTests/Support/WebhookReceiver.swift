import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A webhook endpoint on a loopback port: keeps every POST it gets (headers and
/// body) and answers each with the next status of its script (200 once the script
/// is used up). While `holding`, it answers nothing until released.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var id: String
        var timestamp: String
        var signature: String
        var body: String
    }

    private let state: Mutex<(statuses: [Int], received: [Received], holding: Bool)>

    init(statuses: [Int] = [], holding: Bool = false) {
        state = Mutex((statuses, [], holding))
    }

    var received: [Received] { state.withLock { $0.received } }

    /// Stops or starts holding requests.
    func hold(_ holding: Bool) { state.withLock { $0.holding = holding } }

    /// Answers with `statuses` next.
    func answer(_ statuses: [Int]) { state.withLock { $0.statuses = statuses } }

    /// Runs the receiver and calls `body` with its URL.
    func run<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.get("/ready") { _, _ in HTTPResponse.Status.ok }
        router.post("/hook") { request, _ in await self.take(request) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            _ = try await client.execute(uri: "/ready", method: .get)
            return try await body("http://127.0.0.1:\(client.port!)/hook")
        }
    }

    private func take(_ request: Request) async -> Response {
        let bytes = (try? await request.body.collect(upTo: 1 << 20)).map { Data($0.readableBytesView) } ?? Data()
        let header = { (name: String) in request.headers.first { $0.name.canonicalName == name }?.value ?? "" }
        state.withLock {
            $0.received.append(
                Received(
                    id: header("webhook-id"), timestamp: header("webhook-timestamp"),
                    signature: header("webhook-signature"), body: String(decoding: bytes, as: UTF8.self)))
        }
        while state.withLock({ $0.holding }) { try? await Task.sleep(for: .milliseconds(20)) }
        let status = state.withLock { $0.statuses.isEmpty ? 200 : $0.statuses.removeFirst() }
        return Response(status: .init(code: status), body: .init(byteBuffer: ByteBuffer(string: "status \(status)")))
    }
}

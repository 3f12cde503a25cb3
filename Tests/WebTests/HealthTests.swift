import Bus
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import WebService

@Suite("Liveness and readiness of the web front", .timeLimit(.minutes(1)))
struct HealthTests {
    @Test("with the bus answering, the web front is live and ready")
    func readyWithBus() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            #expect(try await web.get("/healthz").status == .ok)
            #expect(try await web.get("/healthz/live").body == "live\n")
            let ready = try await web.get("/healthz/ready")
            #expect(ready.status == .ok && ready.body == "ready\n")
        }
        await world.shutdown()
    }

    @Test("without a bus, the web front is live but not ready, and says why")
    func notReadyWithoutBus() async throws {
        let client = BusClient(endpoint: try freeEndpoint(), defaultTimeout: .seconds(5))
        let settings = WebSettings(users: WebWorld.users, key: .random())
        let app = buildWebApplication(client: client, settings: settings, host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            let web = WebSession(client)
            #expect(try await web.get("/healthz/live").status == .ok)
            let clock = ContinuousClock()
            let started = clock.now
            let ready = try await web.get("/healthz/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.body.hasPrefix("not ready: no answer from the bus"), "\(ready.body)")
            #expect(clock.now - started < .seconds(3))
        }
        await client.close()
    }
}

import Bus
import Foundation
import TestSupport
import Testing
import Wire
import ZeroMQ

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Edges of the bus", .serialized)
struct BusEdgeTests {
    @Test("the ZeroMQ Guide's worker (heartbeat 2.5 s, liveness 3) busy for 4 s answers OK and stays registered")
    func guideWorkerBusy() async throws {
        // The broker's defaults, not the tests' fast heartbeats.
        let bus = try await InProcessBus { $0.heartbeatIntervalMs = 1000 }
        let worker = GuideWorker(endpoint: bus.endpoints.requests, service: "guide", busyMs: 4000)
        try await waitUntil("the Guide's worker is registered") { try await bus.client().hasWorkers(service: "guide") }
        let reply = try await bus.client().call(
            Method<HealthRequest, HealthReply>.health("guide"), HealthRequest(), options: .init(timeout: .seconds(8)))
        #expect(reply.service == "guide")
        #expect(worker.registrations == 1)
        #expect(try await bus.listing()["guide"]?.workers == 1)
        await worker.stop()
        await bus.shutdown()
    }

    @Test("services named as RFC 7 allows (orders/v1, billing:v2) serve calls; a refused name is answered at once")
    func serviceNames() async throws {
        let bus = try await InProcessBus()
        for name in ["orders/v1", "billing:v2"] {
            var router = ServiceRouter(service: name)
            router.register(.health(name)) { _, _ in HealthReply(service: name, status: .serving) }
            try await bus.worker(router)
            let reply = try await bus.client().call(
                Method<HealthRequest, HealthReply>.health(name), HealthRequest(), options: .init(timeout: .seconds(2)))
            #expect(reply.service == name)
        }
        let refused = await rpcError {
            try await bus.client().call(
                Method<HealthRequest, HealthReply>.health("orders v1"), HealthRequest(),
                options: .init(timeout: .seconds(2)))
        }
        #expect(refused?.code == .invalidArgument)
        #expect(refused?.message.hasPrefix("service: ") == true)
        await bus.shutdown()
    }

    @Test("the bus keeps metric series only for services a worker serves, not for names callers make up")
    func metricsForServedServices() async throws {
        let metrics = try freeEndpoint()
        let stack = try await ProcessStack(busEnvironment: ["GLIMLACH_METRICS_ENDPOINT": metrics])
        try await stack.start("bus-test-worker", service: "known", arguments: [stack.endpoint, "known", "1"])
        // Waits in the broker's queue for 1.5 s, long enough for a metrics round.
        let typo = await rpcError {
            try await stack.client.call(
                Method<HealthRequest, HealthReply>.health("typo-of-known"), HealthRequest(),
                options: .init(timeout: .milliseconds(1500)))
        }
        #expect(typo?.code == .unavailable || typo?.code == .deadlineExceeded)
        _ = try await stack.client.call(Method<HealthRequest, HealthReply>.health("known"), HealthRequest())
        try await waitUntil("the bus reports the known service's worker") {
            try await scrape(metrics).contains(#"glimlach_bus_workers{service="known"} 1"#)
        }
        #expect(!(try await scrape(metrics)).contains("typo-of-known"))
        await stack.shutdown()
    }

    @Test("10,000 elements in a repeated field are refused naming the field and the cap; the handler never runs")
    func repeatedFieldCap() async throws {
        let bus = try await InProcessBus()
        let runs = SendableBox(0)
        let count = Method<ListServicesReply, ListServicesReply>(service: "rows", name: "Count")
        var router = ServiceRouter(service: "rows")
        router.register(count) { request, _ in
            runs.withLock { $0 += 1 }
            return request
        }
        try await bus.worker(router)
        // A valid row: without the cap, the handler would run.
        var row: WireRecord = ["name": .string("x")]
        for field in ["workers", "queue_depth", "in_flight", "served", "failed", "capacity", "idle_slots"] {
            row[field] = .uint(0)
        }
        let schema = MessageSchema.named(ListServicesReply.messageName)!
        let rows = Array(repeating: WireValue.message(row), count: 10_000)
        let tooMany = try WireCodec.encode(["services": .list(rows)], as: schema)
        let refused = await rpcError { try await bus.client().call(service: "rows", method: "Count", payload: tooMany) }
        #expect(refused?.code == .invalidArgument)
        #expect(refused?.message == "field 'services': at most 1000 items, got 10000")
        #expect(runs.withLock { $0 } == 0)
        await bus.shutdown()
    }

    private func scrape(_ endpoint: String) async throws -> String {
        let url = URL(string: endpoint.replacingOccurrences(of: "tcp://", with: "http://") + "/metrics")!
        let (data, _) = try await URLSession.shared.data(from: url)
        return String(decoding: data, as: UTF8.self)
    }
}

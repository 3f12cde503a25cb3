import AsyncHTTPClient
import Logging
@testable import Observability
import Prometheus
import ServiceLifecycle
import Stack
import Synchronization
import TestSupport
import Testing

@Suite("metrics endpoint")
struct MetricsEndpointTests {
    @Test("GET /metrics serves Prometheus text, HEAD answers the same head without a body, other paths 404")
    func routes() async throws {
        let registry = PrometheusCollectorRegistry()
        PrometheusMetricsFactory(registry: registry).makeCounter(label: "glimlach_scrapes_seen", dimensions: [])
            .increment(by: 3)
        let endpoint = try freeEndpoint()
        let base = endpoint.replacingOccurrences(of: "tcp://", with: "http://")
        let logger = Logger(label: "metrics-test")
        let group = ServiceGroup(
            services: [MetricsEndpoint(endpoint: endpoint, registry: registry, logger: logger)], logger: logger)
        try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            try await waitUntil("the endpoint serves") { await HTTPProbe.status(base + "/health") == 200 }

            let get = try await Self.fetch(base + "/metrics")
            #expect(get.status == 200)
            #expect(get.contentType == "text/plain; version=0.0.4; charset=utf-8")
            #expect(get.body.contains("glimlach_scrapes_seen 3"))
            // `curl -I` and uptime checkers ask with HEAD.
            let head = try await Self.fetch(base + "/metrics", head: true)
            #expect(head.status == 200)
            #expect(head.contentType == get.contentType)
            #expect(head.body.isEmpty)
            #expect(try await Self.fetch(base + "/metric").status == 404)

            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test("an IPv6 endpoint serves, and the health probe reaches it by its bracketed address")
    func ipv6() async throws {
        let port = try #require(try freeEndpoint().split(separator: ":").last)
        let logger = Logger(label: "metrics-test")
        let endpoint = MetricsEndpoint(
            endpoint: "tcp://[::1]:\(port)", registry: PrometheusCollectorRegistry(), logger: logger)
        let group = ServiceGroup(services: [endpoint], logger: logger)
        try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            try await waitUntil("the probe reaches [::1]") {
                await HTTPProbe.status("http://[::1]:\(port)/health") == 200
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test("an endpoint that cannot be served leaves the process running without metrics until shutdown")
    func unservable() async throws {
        let logger = Logger(label: "metrics-test")
        let endpoint = MetricsEndpoint(
            endpoint: "tcp://127.0.0.1:http", registry: PrometheusCollectorRegistry(), logger: logger)
        let group = ServiceGroup(services: [endpoint], logger: logger)
        let ended = Ended()
        try await withThrowingTaskGroup { tasks in
            tasks.addTask {
                try await group.run()
                ended.value.withLock { $0 = true }
            }
            try await Task.sleep(for: .milliseconds(200))
            #expect(!ended.value.withLock { $0 })
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(ended.value.withLock { $0 })
    }

    /// Whether the service group's run returned.
    final class Ended: Sendable {
        let value = Mutex(false)
    }

    @Test("an endpoint that is not tcp://host:port is refused with the field named")
    func badEndpoint() {
        for endpoint in ["127.0.0.1:9100", "tcp://127.0.0.1:http", "tcp://:9100"] {
            let error = #expect(throws: MetricsAddressError.self) { try MetricsEndpoint.address(endpoint) }
            #expect(error?.description == "endpoint: expected tcp://host:port, got \(endpoint)")
        }
        let everywhere = try? MetricsEndpoint.address("tcp://*:9100")
        #expect(everywhere?.host == "0.0.0.0" && everywhere?.port == 9100)
    }

    static func fetch(_ url: String, head: Bool = false) async throws -> (
        status: Int, contentType: String?, body: String
    ) {
        var request = HTTPClientRequest(url: url)
        if head { request.method = .HEAD }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers.first(name: "content-type"), String(buffer: body))
    }
}

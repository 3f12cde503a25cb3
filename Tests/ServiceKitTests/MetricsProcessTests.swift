import Bus
import Contract
import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("metrics over HTTP", .serialized)
struct MetricsProcessTests {
    @Test(
        "a service and the bus serve Prometheus text with requests by method and code, store commits, and queue figures"
    )
    func prometheusText() async throws {
        let busMetrics = try freeEndpoint()
        let staffMetrics = try freeEndpoint()
        let stack = try await ProcessStack(busEnvironment: ["GLIMLACH_METRICS_ENDPOINT": busMetrics])
        try await stack.start("staff", arguments: ["--metrics", staffMetrics])
        _ = try await stack.client.call(Staff.health, HealthRequest())
        _ = try await stack.client.call(
            Staff.createEmployee,
            .init(
                name: "Metrics Agent", email: "metrics@example.com", country: "NL", start_date: "2025-01-06",
                status: .active))
        await #expect(throws: RPCError.self) {
            _ = try await stack.client.call(service: "staff", method: "NoSuchMethod", payload: [])
        }

        // The metrics listener starts beside the bus worker, so it may bind a moment after Health answers.
        try await waitUntil("staff's metrics endpoint answers") { (try? await scrape(staffMetrics)) != nil }
        let staff = try await scrape(staffMetrics)
        // Made-up method names share one series instead of each growing the metrics.
        #expect(staff.contains(#"glimlach_requests_total{service="staff",method="(unknown)",code="UNIMPLEMENTED"} 1"#))
        #expect(!staff.contains("NoSuchMethod"))
        #expect(staff.contains(#"glimlach_request_duration_seconds_count{service="staff",method="Health"}"#))
        // The store's commits and the writes they carried: writes per fsync.
        #expect(staff.contains(#"glimlach_store_commits_total{service="staff"} "#))
        #expect(staff.contains(#"glimlach_store_writes_total{service="staff"} "#))
        try await waitUntil("the bus reports the staff worker and what it served") {
            let bus = try await scrape(busMetrics)
            return bus.contains(#"glimlach_bus_workers{service="staff"} 1"#)
                && bus.contains(#"glimlach_bus_served_total{service="staff"}"#)
        }
        await stack.shutdown()
    }

    private func scrape(_ endpoint: String) async throws -> String {
        let url = URL(string: endpoint.replacingOccurrences(of: "tcp://", with: "http://") + "/metrics")!
        let (data, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        return String(decoding: data, as: UTF8.self)
    }
}

import Testing

@testable import Bus

@Suite("The broker's metrics")
struct BrokerMetricsTests {
    static func listing(served: UInt64, failed: UInt64) -> ListServicesReply {
        ListServicesReply(services: [
            ServiceInfo(
                name: "staff", workers: 1, queue_depth: 0, in_flight: 0, served: served, failed: failed, capacity: 4,
                idle_slots: 4)
        ])
    }

    @Test("a service's totals starting over (its entry dropped and made again) keep the broker running")
    func totalsStartOver() {
        var metrics = BrokerMetrics()
        metrics.record(Self.listing(served: 120, failed: 7), now: 1_000)
        // The last worker left and a new one registered: the broker counts from zero again.
        metrics.record(Self.listing(served: 3, failed: 1), now: 2_000)
        metrics.record(Self.listing(served: 9, failed: 1), now: 3_000)
        #expect(BrokerMetrics.increase(from: 120, to: 3) == 3)
        #expect(BrokerMetrics.increase(from: 3, to: 9) == 6)
        #expect(BrokerMetrics.increase(from: 0, to: .max) == .max)
    }
}

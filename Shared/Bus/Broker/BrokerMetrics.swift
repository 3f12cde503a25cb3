import Metrics

/// The broker's per-service figures as swift-metrics (served on /metrics when the
/// process bootstraps a backend): workers, capacity, queue depth, in flight, and
/// served and failed totals.
///
/// Only services a worker has registered for get series: a request names any
/// service it likes, and a series per name nobody serves would let any client grow
/// the bus's metrics without bound (`glimlach health typo`).
struct BrokerMetrics {
    private var reported: [String: (served: UInt64, failed: UInt64)] = [:]
    /// Services that have had a worker; only these get series.
    private var served: Set<String> = []
    private var lastAt: Int64 = 0

    /// Records `listing` at most once a second.
    mutating func record(_ listing: @autoclosure () -> ListServicesReply, now: Int64) {
        guard now - lastAt >= 1000 else { return }
        lastAt = now
        for service in listing().services {
            if service.workers > 0 { served.insert(service.name) }
            guard served.contains(service.name) else { continue }
            let dimensions = [("service", service.name)]
            Gauge(label: "glimlach_bus_workers", dimensions: dimensions).record(service.workers)
            Gauge(label: "glimlach_bus_capacity", dimensions: dimensions).record(service.capacity)
            Gauge(label: "glimlach_bus_queue_depth", dimensions: dimensions).record(service.queue_depth)
            Gauge(label: "glimlach_bus_in_flight", dimensions: dimensions).record(service.in_flight)
            let before = reported[service.name] ?? (0, 0)
            Counter(label: "glimlach_bus_served_total", dimensions: dimensions)
                .increment(by: Self.increase(from: before.served, to: service.served))
            Counter(label: "glimlach_bus_failed_total", dimensions: dimensions)
                .increment(by: Self.increase(from: before.failed, to: service.failed))
            reported[service.name] = (service.served, service.failed)
        }
    }

    /// What a total grew by since it was `before`. A service's entry is dropped when
    /// its last worker leaves with nothing queued and made again from zero by the
    /// next one: a total below `before` started over and grew by all of itself.
    static func increase(from before: UInt64, to now: UInt64) -> Int64 {
        Int64(clamping: now >= before ? now - before : now)
    }
}

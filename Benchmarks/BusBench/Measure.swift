import Glibc

// Shared by bus-bench and the gRPC peer (Benchmarks/GRPCPeer links this file), so
// both sides are measured by the same loops.

/// One call at a time, `roundTrips` times; prints
/// `RESULT bench=<bench> kind=latency n= p50_us= p99_us= cpu_us_per_call= csw_per_call=`.
func measureLatency(bench: String, roundTrips: Int, call: () async throws -> Void) async throws {
    let clock = ContinuousClock()
    var samples: [Double] = []
    samples.reserveCapacity(roundTrips)
    let cost = ProcessCost.now()
    for _ in 0..<roundTrips {
        let start = clock.now
        try await call()
        samples.append((clock.now - start).microseconds)
    }
    let stats = LatencyStats(samples: samples)
    print(
        "RESULT bench=\(bench) kind=latency n=\(roundTrips) p50_us=\(rounded(stats.percentile(50)))"
            + " p99_us=\(rounded(stats.percentile(99))) \(ProcessCost.perCall(since: cost, calls: roundTrips))")
}

/// `inFlight` tasks calling in a loop for `seconds`; prints `RESULT bench=<bench>
/// kind=throughput <labels> in_flight= calls= rps= cpu_us_per_call= csw_per_call=`.
func measureThroughput(
    bench: String, labels: String = "", inFlight: Int, seconds: Double,
    call: @escaping @Sendable () async throws -> Void
) async throws {
    let clock = ContinuousClock()
    let start = clock.now
    let end = start + .milliseconds(Int(seconds * 1000))
    let cost = ProcessCost.now()
    let completed = try await withThrowingTaskGroup(of: Int.self) { calls in
        for _ in 0..<inFlight {
            calls.addTask {
                var count = 0
                while clock.now < end {
                    try await call()
                    count += 1
                }
                return count
            }
        }
        return try await calls.reduce(0, +)
    }
    let elapsed = (clock.now - start).microseconds / 1e6
    print(
        "RESULT bench=\(bench) kind=throughput \(labels)in_flight=\(inFlight) calls=\(completed)"
            + " rps=\(rounded(Double(completed) / elapsed)) \(ProcessCost.perCall(since: cost, calls: completed))")
}

/// Percentiles of round-trip times, in microseconds.
struct LatencyStats {
    var samples: [Double]

    func percentile(_ p: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return 0 }
        let index = min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)
        return sorted[max(0, index)]
    }
}

/// What the process spent, from getrusage: CPU time and voluntary context switches
/// (a thread going to sleep to wait: the thread hops of a call), which a loaded
/// machine disturbs far less than wall-clock time.
struct ProcessCost {
    let cpuMicroseconds: Double
    let contextSwitches: Int

    static func now() -> ProcessCost {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
        return ProcessCost(cpuMicroseconds: cpu, contextSwitches: usage.ru_nvcsw)
    }

    /// `cpu_us_per_call=… csw_per_call=…` for `calls` calls since `start`.
    static func perCall(since start: ProcessCost, calls: Int) -> String {
        let end = now()
        let cpu = (end.cpuMicroseconds - start.cpuMicroseconds) / Double(max(calls, 1))
        let switches = Double(end.contextSwitches - start.contextSwitches) / Double(max(calls, 1))
        return "cpu_us_per_call=\(rounded(cpu)) csw_per_call=\(rounded(switches))"
    }
}

func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

extension Duration {
    var microseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
    }
}

import Glibc

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

import AnalyticsCore
import Contract
import Domain
import Foundation

/// Writes `model`'s snapshot to `path` and prints its time and size.
/// - Returns: the seconds the write took and the file's size in bytes.
@MainActor
func writeSnapshot(_ model: AnalyticsReadModel, to path: String) throws -> (seconds: Double, bytes: Int) {
    let clock = ContinuousClock()
    let began = clock.now
    let written = try model.saveSnapshot(to: SnapshotFile(path: path))
    let took = seconds(clock.now - began)
    let facts = model.read { $0.factCount }
    print(
        "  snapshot written: \(format(took)) s, \(written.bytes / 1_000_000) MB, \(format(Double(written.bytes) / Double(facts))) bytes per fact"
    )
    return (took, written.bytes)
}

/// CPU time of this process (user and system), which other processes' load does not inflate.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// `analytics-bench restore PATH`: what a worker does at start from its snapshot,
/// in a fresh process: load it, serve the first GetNps; then memory and latency.
/// Ends with a `RESULT bench=analytics-restore` line for scripts/bench.
@MainActor
func restore(_ path: String) throws {
    let clock = ContinuousClock()
    let rssBefore = residentMB()
    let cpuBegan = cpuSeconds()
    let began = clock.now
    guard let state = try SnapshotFile(path: path).load() else { fatalError("no snapshot at \(path)") }
    let model = AnalyticsReadModel(state: state)
    model.markReady()
    let window = try TimeWindow(
        from: Date(unixMilliseconds: start + year - 90 * day), to: Date(unixMilliseconds: start + year),
        timeZone: TimeZone(identifier: "Europe/Amsterdam")!)
    _ = try model.query { try $0.nps(.init(window: window, group_by: [.channel, .country])) }
    let serving = seconds(clock.now - began)
    let servingCPU = cpuSeconds() - cpuBegan
    let rss = residentMB()
    let facts = model.read { $0.factCount }
    let nps = try latency(300) { window in
        _ = try model.query { try $0.nps(.init(window: window, group_by: [.channel, .country])) }
    }
    print("analytics-bench restore: \(facts) facts from \(path)")
    print(
        "  start to serving (load snapshot, first GetNps): \(format(serving)) s wall, \(format(servingCPU)) s CPU (one thread; the wall time on an idle core)"
    )
    print(
        "  RSS before: \(format(rssBefore)) MB, after: \(format(rss)) MB, \(format((rss - rssBefore) * 1_048_576 / Double(facts))) bytes per fact"
    )
    print("  GetNps channel x country, 90 days: p50 \(format(nps.0)) ms, p99 \(format(nps.1)) ms")
    let figures = [
        "facts=\(facts)", "serving_s=\(format(serving))", "serving_cpu_s=\(format(servingCPU))",
        "rss_before_mb=\(format(rssBefore))", "rss_mb=\(format(rss))",
        "bytes_per_fact=\(format((rss - rssBefore) * 1_048_576 / Double(facts)))",
        "nps_p50_ms=\(format(nps.0))", "nps_p99_ms=\(format(nps.1))",
    ]
    print("RESULT bench=analytics-restore " + figures.joined(separator: " "))
}

// analytics-bench: loads 1,000,000 survey responses and 1,000,000 tickets' worth of
// events into one in-process analytics read model and prints memory, load time and
// query latency, then query throughput through a broker with 1, 2 and 3 workers.
// Build in release:
//
//     swift build -c release --product analytics-bench
//     .build/release/analytics-bench [responses] [tickets] [snapshot-path]
//     .build/release/analytics-bench restore snapshot-path
//
// With a snapshot path it also writes the read model's snapshot there; `restore`
// then starts from it in a fresh process as a worker does (load, first query) and
// prints the time to serving, memory per fact and GetNps latency. Both end with a
// `RESULT bench=analytics-build` or `analytics-restore` line of key=value figures,
// which scripts/bench collects (`make bench`).
import AnalyticsCore
import Bus
import Contract
import Domain
import Foundation

let day: Int64 = 86_400_000
let start: Int64 = 1_735_686_000_000  // 2025-01-01T00:00:00+01:00
let year = 365 * day
let clock = ContinuousClock()

/// Resident memory of this process in MB (VmRSS from /proc/self/status).
func residentMB() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    let kb = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    return kb / 1024
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// p50 and p99 in milliseconds of `runs` calls of `body` with a 90-day window ending on a varying day.
func latency(_ runs: Int, _ body: (TimeWindow) throws -> Void) rethrows -> (Double, Double, Double) {
    let zone = TimeZone(identifier: "Europe/Amsterdam")!
    var samples: [Double] = []
    for run in 0..<runs {
        let end = start + year - Int64(run % 200) * day
        let window = try! TimeWindow(
            from: Date(unixMilliseconds: end - 90 * day), to: Date(unixMilliseconds: end), timeZone: zone)
        let began = clock.now
        try body(window)
        samples.append(seconds(clock.now - began) * 1000)
    }
    samples.sort()
    return (samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 99 / 100)], samples.last!)
}

func format(_ value: Double) -> String { String(format: "%.2f", value) }

if CommandLine.arguments.count > 2, CommandLine.arguments[1] == "restore" {
    try restore(CommandLine.arguments[2])
    exit(0)
}
let responseCount = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 1_000_000
let ticketCount = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2])! : 1_000_000
let snapshotPath = CommandLine.arguments.count > 3 ? CommandLine.arguments[3] : nil

var random = SystemRandomNumberGenerator()
var rng = SeededRandom(seed: 2026)
let countries = ["NL", "BE"]
let categories = (1...20).map { "category-\($0)" }
let channels: [Channel] = [.phone, .email, .chat, .twitter, .facebookMessenger]
let employers = ["in-house", "partner-a", "partner-b", "partner-c"]
let employees = (0..<640).map { number in
    (id: "e\(number)", team: "team-\(number % 12)", employer: number < 40 ? "in-house" : employers[1 + number % 3])
}

/// Events the load applied (staff's, tickets', feedback's), as a rebuild would read them.
var rebuildEvents = 12 + employees.count
let rssBefore = residentMB()
let model = AnalyticsReadModel()
let loadStart = clock.now
model.write { state in
    for team in 0..<12 { state.apply(team: Staff.Team(team_id: "team-\(team)", name: "Team \(team)")) }
    for employee in employees {
        state.apply(
            employee: Staff.Employee(
                employee_id: employee.id, name: "Agent \(employee.id)", team_id: employee.team,
                employer_id: employee.employer))
    }
    for number in 0..<ticketCount {
        let agent = employees[Int.random(in: 0..<employees.count, using: &rng)]
        let created = start + Int64.random(in: 0..<year, using: &rng)
        let id = "t\(number)"
        let channel = channels[Int.random(in: 0..<channels.count, using: &rng)]
        let country = countries[number & 1]
        rebuildEvents += 1
        state.apply(
            Tickets.TicketCreated(
                ticket_id: id, channel: channel, country: country,
                product_category: categories[Int.random(in: 0..<20, using: &rng)], assignee_id: agent.id,
                team_id: agent.team, created_at_ms: created),
            at: created)
        if Int.random(in: 0..<10, using: &rng) < 8 {
            let responseMs = Int64.random(in: 0...14_400_000, using: &rng)
            rebuildEvents += 1
            state.apply(
                Tickets.TicketFirstResponse(
                    ticket_id: id, team_id: agent.team, agent_id: agent.id, response_ms: responseMs,
                    within_target: responseMs <= 3_600_000))
        }
        if Int.random(in: 0..<4, using: &rng) < 3 {
            let resolved = created + Int64.random(in: 600_000...(3 * day), using: &rng)
            rebuildEvents += 1
            state.apply(
                Tickets.TicketResolved(
                    ticket_id: id, agent_id: agent.id, team_id: agent.team, employer_id: agent.employer,
                    channel: channel, country: country, resolved_at_ms: resolved,
                    first_contact_resolution: Bool.random(using: &rng)),
                at: resolved)
        }
    }
    for _ in 0..<responseCount {
        let agent = employees[Int.random(in: 0..<employees.count, using: &rng)]
        let answered = start + Int64.random(in: 0..<year, using: &rng)
        rebuildEvents += 1
        state.apply(
            Feedback.ResponseSubmitted(
                score: Int32.random(in: 0...10, using: &rng),
                attribution: Feedback.Attribution(
                    agent_id: agent.id, team_id: agent.team, employer_id: agent.employer,
                    channel: channels[Int.random(in: 0..<channels.count, using: &rng)],
                    country: countries[Int.random(in: 0..<2, using: &rng)],
                    product_category: categories[Int.random(in: 0..<20, using: &rng)]),
                answered_at_ms: answered),
            at: answered)
    }
}
model.markReady()
let loadTime = clock.now - loadStart
let rssAfter = residentMB()

var groups = 0
let npsLatency = try latency(300) { window in
    let reply = try model.query { try $0.nps(.init(window: window, group_by: [.channel, .country])) }
    groups = reply.rows.count
}
var ranked = 0
let rankingLatency = try latency(300) { window in
    let reply = try model.query { try $0.personalNpsRanking(.init(window: window)) }
    ranked = reply.ranked.count
}

// Catch-up path: events decoded from their wire bytes, as a worker reads them from Since.
let sample = 200_000
let wireEvents = (0..<sample).map { number in
    let agent = employees[number % employees.count]
    let payload = Feedback.ResponseSubmitted(
        response_id: "r\(number)", score: Int32(number % 11),
        attribution: Feedback.Attribution(
            agent_id: agent.id, team_id: agent.team, employer_id: agent.employer, channel: .email, country: "NL",
            product_category: "category-1"), answered_at_ms: start + Int64(number) * 1000)
    return Event(
        service: "feedback", sequence: UInt64(number + 1), type: "response.submitted",
        occurred_at_ms: start + Int64(number) * 1000, payload: try! payload.wireBytes())
}
let decodeModel = AnalyticsReadModel()
let decodeStart = clock.now
for event in wireEvents { decodeModel.apply(event) }
let decodeTime = seconds(clock.now - decodeStart)

// Query throughput through the bus with 1, 2 and 3 workers, in this run.
let benchWindow = try! TimeWindow(
    from: Date(unixMilliseconds: start + year - 90 * day), to: Date(unixMilliseconds: start + year),
    timeZone: TimeZone(identifier: "Europe/Amsterdam")!)
var throughputs: [(Int, Double)] = []
for workers in 1...3 {
    throughputs.append(
        (workers, try await busThroughput(model: model, workers: workers, window: benchWindow, duration: .seconds(5))))
}

print("analytics-bench: \(responseCount) responses, \(ticketCount) tickets (created, first response 80%, resolved 75%)")
print("  load into the read model (typed events):   \(format(seconds(loadTime))) s")
print(
    "  RSS before load: \(format(rssBefore)) MB, after load: \(format(rssAfter)) MB (one worker), model ~\(format(rssAfter - rssBefore)) MB"
)
print(
    "  GetNps channel x country, 90 days (\(groups) groups): p50 \(format(npsLatency.0)) ms, p99 \(format(npsLatency.1)) ms, max \(format(npsLatency.2)) ms"
)
print(
    "  GetPersonalNpsRanking, 90 days (\(ranked) ranked):   p50 \(format(rankingLatency.0)) ms, p99 \(format(rankingLatency.1)) ms, max \(format(rankingLatency.2)) ms"
)
let facts = model.read { $0.factCount }
print(
    "  facts: \(facts), model \(format((rssAfter - rssBefore) * 1_048_576 / Double(facts))) bytes per fact"
)
print("  wire decode + apply (catch-up path): \(Int(Double(sample) / decodeTime)) events/s")
print(
    "  rebuild from the events (\(rebuildEvents) events at that rate, without the bus): \(format(Double(rebuildEvents) * decodeTime / Double(sample))) s"
)
let snapshot = try snapshotPath.map { try writeSnapshot(model, to: $0) }
for (workers, rate) in throughputs {
    print(
        "  GetNps through the bus, \(workers) worker(s) of concurrency 1: \(Int(rate)) queries/s (x\(format(rate / throughputs[0].1)))"
    )
}
print("  targets: < 50 ms per query, < 300 MB per worker")
var figures = [
    "responses=\(responseCount)", "tickets=\(ticketCount)", "facts=\(facts)", "load_s=\(format(seconds(loadTime)))",
    "rss_before_mb=\(format(rssBefore))", "rss_mb=\(format(rssAfter))",
    "bytes_per_fact=\(format((rssAfter - rssBefore) * 1_048_576 / Double(facts)))",
    "nps_p50_ms=\(format(npsLatency.0))", "nps_p99_ms=\(format(npsLatency.1))",
    "ranking_p50_ms=\(format(rankingLatency.0))", "decode_events_per_s=\(Int(Double(sample) / decodeTime))",
    "rebuild_events=\(rebuildEvents)", "rebuild_s=\(format(Double(rebuildEvents) * decodeTime / Double(sample)))",
]
if let snapshot { figures += ["snapshot_s=\(format(snapshot.seconds))", "snapshot_bytes=\(snapshot.bytes)"] }
figures += throughputs.map { "bus_qps_\($0.0)=\(Int($0.1))" }
print("RESULT bench=analytics-build " + figures.joined(separator: " "))

import Bus
import Contract
import Foundation
import Logging

/// Durable ingestion: feedback responses (no token, with their own attribution)
/// submitted by 64 callers as fast as the feedback service acknowledges them, each
/// acknowledgement a committed SQLite transaction (WAL, synchronous = FULL). Then
/// the service is killed (SIGKILL) and started again, and every acknowledged
/// response must be there.
///
///     bus-bench ingest <directory with the feedback executable> [seconds]
///
/// The broker runs in this process; the feedback service is its own process with a
/// fresh data directory. Scores are 7...10: detractors would queue follow-ups for a
/// tickets service that this run does not start.
struct IngestBench {
    static let callers = 64
    let client: BusClient
    let feedback: URL
    let endpoints: BrokerEndpoints
    let dataDirectory: URL

    static func run(binaries: String, seconds: Double) async throws {
        var logger = Logger(label: "bus-bench")
        logger.logLevel = .warning
        let broker = Broker(configuration: .ephemeral(), logger: logger)
        let endpoints = try await broker.start()
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-ingest-\(getpid())")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        let bench = IngestBench(
            client: BusClient(endpoint: endpoints.requests, credentials: nil, logger: logger),
            feedback: URL(fileURLWithPath: binaries).appendingPathComponent("feedback"), endpoints: endpoints,
            dataDirectory: dataDirectory)

        var service = try bench.startFeedback()
        try await bench.waitForFeedback()
        let (acknowledged, failures, elapsed) = try await bench.submit(seconds: seconds)
        kill(service.processIdentifier, SIGKILL)
        service.waitUntilExit()
        service = try bench.startFeedback()
        try await bench.waitForFeedback()
        let stored = try await bench.storedResponseIDs()
        let present = acknowledged.filter(stored.contains).count
        print(
            "RESULT bench=ingest kind=throughput seconds=\(rounded(elapsed)) callers=\(callers)"
                + " acknowledged=\(acknowledged.count) failed=\(failures) rps=\(rounded(Double(acknowledged.count) / elapsed))"
                + " present=\(present) restarted=sigkill")
        service.terminate()
        service.waitUntilExit()
        await bench.client.close()
        await broker.stop()
    }

    func startFeedback() throws -> Process {
        let process = Process()
        process.executableURL = feedback
        process.arguments = [
            "--bus", endpoints.requests, "--events-in", endpoints.eventsIn, "--events-out", endpoints.eventsOut,
            "--data-dir", dataDirectory.path, "--log-level", "error", "--concurrency", "\(Self.callers)",
        ]
        try process.run()
        return process
    }

    func waitForFeedback() async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if (try? await client.hasWorkers(service: Feedback.service)) == true { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw RPCError(.unavailable, "the feedback service did not register within 60 s")
    }

    /// `callers` tasks submitting for `seconds`: the acknowledged response ids.
    func submit(seconds: Double) async throws -> (ids: [String], failures: Int, elapsed: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + .milliseconds(Int(seconds * 1000))
        let results = try await withThrowingTaskGroup(of: ([String], Int).self) { group in
            for caller in 0..<Self.callers {
                group.addTask {
                    var ids: [String] = []
                    var failures = 0
                    var number = 0
                    while clock.now < end {
                        number += 1
                        let request = Feedback.SubmitResponseRequest(
                            score: Int32(7 + number % 4), comment: "bench \(caller)-\(number)", themes: [],
                            attribution: Feedback.Attribution(
                                agent_id: "agent-\(caller % 8)", team_id: "team-\(caller % 2)", channel: .chat,
                                country: "NL", product_category: "photo-books", touchpoint: "delivery"),
                            source: .web)
                        do {
                            let reply = try await client.call(
                                Feedback.submitResponse, request,
                                options: CallOptions(timeout: .seconds(10), idempotencyKey: "bench-\(caller)-\(number)")
                            )
                            if let id = reply.response?.response_id { ids.append(id) } else { failures += 1 }
                        } catch {
                            failures += 1
                        }
                    }
                    return (ids, failures)
                }
            }
            return try await group.reduce(into: ([String](), 0)) {
                $0.0 += $1.0; $0.1 += $1.1
            }
        }
        let elapsed =
            Double((clock.now - start).components.seconds) + Double((clock.now - start).components.attoseconds) / 1e18
        return (results.0, results.1, elapsed)
    }

    /// Every response the service has, paged through ListResponses.
    func storedResponseIDs() async throws -> Set<String> {
        var ids: Set<String> = []
        var token: String?
        repeat {
            let page = try await client.call(
                Feedback.listResponses, Feedback.ListResponsesRequest(page_size: 500, page_token: token),
                options: CallOptions(timeout: .seconds(30)))
            for response in page.responses { if let id = response.response_id { ids.insert(id) } }
            token = page.next_page_token.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return ids
    }
}

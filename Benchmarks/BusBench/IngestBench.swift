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
/// The broker runs in this process; feedback and staff (which feedback asks whether
/// an answer's agent is an employee) are their own processes with a fresh data
/// directory. Scores are 7...10: detractors would queue follow-ups for a
/// tickets service that this run does not start.
struct IngestBench: ServiceBench {
    static let callers = 64
    let client: BusClient
    let binaries: URL
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
            binaries: URL(fileURLWithPath: binaries), endpoints: endpoints,
            dataDirectory: dataDirectory)

        let staff = try bench.start("staff")
        try await bench.waitFor(Staff.service)
        let agents = try await bench.agents(8)
        var service = try bench.start("feedback")
        try await bench.waitFor(Feedback.service)
        let outcome = try await bench.submit(seconds: seconds, agents: agents)
        let (acknowledged, failures, elapsed) = (outcome.acknowledged, outcome.failures, outcome.elapsed)
        kill(service.processIdentifier, SIGKILL)
        service.waitUntilExit()
        service = try bench.start("feedback")
        try await bench.waitFor(Feedback.service)
        let stored = try await bench.storedResponseIDs()
        let present = acknowledged.filter(stored.contains).count
        print(
            "RESULT bench=ingest kind=throughput seconds=\(rounded(elapsed)) callers=\(callers)"
                + " acknowledged=\(acknowledged.count) failed=\(failures) rps=\(rounded(Double(acknowledged.count) / elapsed))"
                + " present=\(present) restarted=sigkill")
        for process in [service, staff] {
            process.terminate()
            process.waitUntilExit()
        }
        await bench.client.close()
        await broker.stop()
    }

    /// `count` agents in staff (feedback credits an answer only to an employee).
    func agents(_ count: Int) async throws -> [String] {
        var ids: [String] = []
        for number in 0..<count {
            let reply = try await client.call(
                Staff.createEmployee,
                .init(
                    name: "Agent \(number)", email: "agent\(number)@example.com", country: "NL",
                    start_date: "2025-01-06", status: .active), options: CallOptions(timeout: .seconds(10)))
            ids.append(reply.employee?.employee_id ?? "")
        }
        return ids
    }

    /// `callers` tasks submitting for `seconds`, crediting `agents` in turn: the
    /// acknowledged response ids.
    func submit(seconds: Double, agents: [String]) async throws -> LoadOutcome<String> {
        let client = client
        return try await load(seconds: seconds) { caller, number in
            let request = Feedback.SubmitResponseRequest(
                score: Int32(7 + number % 4), comment: "bench \(caller)-\(number)", themes: [],
                attribution: Feedback.Attribution(
                    agent_id: agents[caller % agents.count], team_id: "team-\(caller % 2)", channel: .chat,
                    country: "NL", product_category: "photo-books", touchpoint: "delivery"),
                source: .web)
            return try await client.call(
                Feedback.submitResponse, request,
                options: CallOptions(timeout: .seconds(10), idempotencyKey: "bench-\(caller)-\(number)")
            ).response?.response_id
        }
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

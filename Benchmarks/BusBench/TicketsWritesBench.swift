import Bus
import Contract
import Foundation
import Logging
import Stack

/// Acknowledged writes per second of the tickets service on each backend: tickets
/// created by 64 callers (each with an idempotency key) for a few seconds, with one
/// tickets process on SQLite and one, two and three tickets processes sharing one
/// PostgreSQL database. Each acknowledgement is a committed transaction (SQLite:
/// WAL, synchronous = FULL; PostgreSQL: synchronous_commit on, fsync on). After each
/// run every tickets process is killed (SIGKILL), one is started again and every
/// acknowledged ticket must be among its `ticket.created` events.
///
///     bus-bench tickets-writes <directory with the tickets executable> [seconds]
///
/// The broker runs in this process; PostgreSQL is a private cluster (`LocalPostgres`)
/// in a temporary directory, started once for the four runs.
struct TicketsWritesBench: ServiceBench {
    static let callers = 64
    let client: BusClient
    let binaries: URL
    let endpoints: BrokerEndpoints
    let dataDirectory: URL
    let environment: [String: String]

    static func run(binaries: String, seconds: Double) async throws {
        var logger = Logger(label: "bus-bench")
        logger.logLevel = .warning
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-writes-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let postgres = try LocalPostgres(directory: root.appendingPathComponent("postgres"), port: try freePort())
        try await postgres.start()
        for (backend, processes) in [("sqlite", 1), ("postgres", 1), ("postgres", 2), ("postgres", 3)] {
            let broker = Broker(configuration: .ephemeral(), logger: logger)
            let endpoints = try await broker.start()
            let name = "\(backend)\(processes)"
            var environment: [String: String] = [:]
            if backend == "postgres" {
                try await postgres.createDatabase(name)
                environment["GLIMLACH_DATABASE_URL"] = postgres.url(database: name)
            }
            let bench = TicketsWritesBench(
                client: BusClient(endpoint: endpoints.requests, credentials: nil, logger: logger),
                binaries: URL(fileURLWithPath: binaries), endpoints: endpoints,
                dataDirectory: root.appendingPathComponent(name), environment: environment)
            try FileManager.default.createDirectory(at: bench.dataDirectory, withIntermediateDirectories: true)
            try await bench.measure(backend: backend, processes: processes, seconds: seconds)
            await bench.client.close()
            await broker.stop()
        }
        await postgres.stop()
    }

    func measure(backend: String, processes: Int, seconds: Double) async throws {
        var running = try (0..<processes).map { _ in try start("tickets", environment: environment) }
        try await waitForWorkers(processes)
        let outcome = try await create(seconds: seconds)
        let (acknowledged, failures, elapsed) = (outcome.acknowledged, outcome.failures, outcome.elapsed)
        for process in running {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        running = [try start("tickets", environment: environment)]
        try await waitForWorkers(1)
        let created = try await createdTickets()
        let present = acknowledged.filter(created.contains).count
        print(
            "RESULT bench=tickets-writes kind=throughput backend=\(backend) processes=\(processes)"
                + " seconds=\(rounded(elapsed)) callers=\(Self.callers) acknowledged=\(acknowledged.count)"
                + " failed=\(failures) rps=\(rounded(Double(acknowledged.count) / elapsed)) present=\(present)")
        for process in running {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Waits (at most 60 s) until tickets has `count` workers on the broker.
    func waitForWorkers(_ count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let listing = try? await client.call(BusAPI.listServices, ListServicesRequest())
            if (listing?.services.first { $0.name == Tickets.service }?.workers ?? 0) >= count { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw RPCError(.unavailable, "tickets did not have \(count) workers within 60 s")
    }

    /// `callers` tasks creating tickets for `seconds`: the acknowledged ticket ids.
    func create(seconds: Double) async throws -> LoadOutcome<String> {
        let client = client
        return try await load(seconds: seconds) { caller, number in
            let key = "bench-\(caller)-\(number)"
            let request = Tickets.CreateTicketRequest(
                customer: .init(name: "Customer", handle: "\(key)@example.nl", country: "NL"), channel: .email,
                product_category: "photo-books", subject: key, body: "Where is it?")
            return try await client.call(
                Tickets.createTicket, request, options: CallOptions(timeout: .seconds(10), idempotencyKey: key)
            ).ticket?.ticket_id
        }
    }

    /// Every ticket tickets' event log says was created, paged through Since.
    func createdTickets() async throws -> Set<String> {
        var ids: Set<String> = []
        var after: UInt64 = 0
        while true {
            let page = try await client.call(
                Tickets.since, SinceRequest(after_sequence: after, limit: 5000),
                options: CallOptions(timeout: .seconds(30)))
            guard let last = page.events.last else { return ids }
            for event in page.events where event.type == "ticket.created" { ids.insert(event.subject_id ?? "") }
            after = last.sequence
        }
    }
}

/// A loopback TCP port that is free right now.
func freePort() throws -> Int {
    let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(probe) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(probe, pointer, length) == 0 && getsockname(probe, pointer, &length) == 0
        }
    }
    guard bound else { throw RPCError(.unavailable, "no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

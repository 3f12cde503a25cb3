import Bus
import Logging

/// The bus's part of `make bench`: a 128-byte echo through the broker to a worker and
/// back with `BusClient.call`. Broker, workers and client run in this one process,
/// each on its own thread with its own ZeroMQ context, over TCP loopback, exactly as
/// separate processes would talk. Prints `RESULT key=value ...` lines that
/// scripts/bench collects.
///
///     bus-bench [round-trips] [seconds-of-throughput]
///     bus-bench ingest <directory with the feedback executable> [seconds]   (see `IngestBench`)
///     bus-bench channels <directory with the service executables> [seconds]   (see `ChannelsBench`)
///     bus-bench gateway <directory with staff and gateway> [round trips]   (see `GatewayBench`)
@main
struct EchoBench {
    static let inFlight = 64
    let payload = [UInt8](repeating: 0x5A, count: 128)
    let logger: Logger
    let endpoint: String
    let client: BusClient

    static func main() async throws {
        let arguments = CommandLine.arguments
        if arguments.count > 2, arguments[1] == "channels" {
            return try await ChannelsBench.run(
                binaries: arguments[2], seconds: arguments.count > 3 ? Double(arguments[3]) ?? 10 : 10)
        }
        if arguments.count > 2, arguments[1] == "gateway" {
            return try await GatewayBench.run(
                binaries: arguments[2], roundTrips: arguments.count > 3 ? Int(arguments[3]) ?? 2000 : 2000)
        }
        if arguments.count > 2, arguments[1] == "tickets-writes" {
            return try await TicketsWritesBench.run(
                binaries: arguments[2], seconds: arguments.count > 3 ? Double(arguments[3]) ?? 10 : 10)
        }
        if arguments.count > 2, arguments[1] == "ingest" {
            return try await IngestBench.run(
                binaries: arguments[2], seconds: arguments.count > 3 ? Double(arguments[3]) ?? 10 : 10)
        }
        let roundTrips = arguments.count > 1 ? Int(arguments[1]) ?? 5000 : 5000
        let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 3 : 3

        var logger = Logger(label: "bus-bench")
        logger.logLevel = .warning
        let broker = Broker(configuration: .ephemeral(), logger: logger)
        let endpoints = try await broker.start()
        let bench = EchoBench(
            logger: logger, endpoint: endpoints.requests,
            client: BusClient(endpoint: endpoints.requests, credentials: nil, logger: logger))
        print("RESULT bench=bus-info mode=in-process threads=broker,client,worker(s) transport=tcp-loopback")

        var workers = [bench.startWorker()]
        try await bench.waitForWorkers(1)
        for _ in 0..<1000 { try await bench.echo() }  // warm-up
        try await bench.latency(roundTrips: roundTrips)
        try await bench.throughput(workers: 1, seconds: seconds)
        workers.append(bench.startWorker())
        try await bench.waitForWorkers(2)
        try await bench.throughput(workers: 2, seconds: seconds)

        for worker in workers { await worker.stop() }
        await bench.client.close()
        await broker.stop()
    }

    /// A worker of `bench` whose `Echo` answers with the request's bytes.
    func startWorker() -> BusWorker {
        var router = ServiceRouter(service: "bench")
        router.register(raw: "Echo") { bytes, _ in bytes }
        var configuration = WorkerConfiguration(endpoint: endpoint)
        configuration.concurrency = Self.inFlight
        configuration.credentials = nil
        let worker = BusWorker(router: router, configuration: configuration, logger: logger)
        worker.start()
        return worker
    }

    func echo() async throws {
        let reply = try await client.call(service: "bench", method: "Echo", payload: payload, idempotent: true)
        precondition(reply.count == payload.count, "echo came back with \(reply.count) bytes")
    }

    func waitForWorkers(_ count: UInt32) async throws {
        while true {
            let listing = try await client.call(BusAPI.listServices, ListServicesRequest())
            if listing.services.first(where: { $0.name == "bench" })?.workers == count { return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// One call at a time: p50 and p99 of the round trip.
    func latency(roundTrips: Int) async throws {
        try await measureLatency(bench: "bus", roundTrips: roundTrips) { try await echo() }
    }

    /// `inFlight` tasks calling in a loop for `seconds`: calls per second.
    func throughput(workers: Int, seconds: Double) async throws {
        try await measureThroughput(
            bench: "bus", labels: "workers=\(workers) ", inFlight: Self.inFlight, seconds: seconds
        ) { try await echo() }
    }
}

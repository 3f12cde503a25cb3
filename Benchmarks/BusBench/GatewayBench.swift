import AsyncHTTPClient
import Bus
import Contract
import Foundation
import Logging

/// The HTTP API's cost over the bus: staff's `GetEmployee` called `roundTrips` times
/// one at a time on the bus (`BusClient`), then the same call as
/// `GET /v1/staff/GetEmployee?employee_id=...` through the gateway (with its bearer
/// token, JSON out), both against the same staff process in the same run. Prints a
/// latency line for each and their p50 and p99 ratios.
///
///     bus-bench gateway <directory with the staff and gateway executables> [round trips]
struct GatewayBench: ServiceBench {
    static let callers = 4
    let client: BusClient
    let binaries: URL
    let endpoints: BrokerEndpoints
    let dataDirectory: URL

    static func run(binaries: String, roundTrips: Int) async throws {
        var logger = Logger(label: "bus-bench")
        logger.logLevel = .warning
        let broker = Broker(configuration: .ephemeral(), logger: logger)
        let endpoints = try await broker.start()
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("glimlach-gw-\(getpid())")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        let bench = GatewayBench(
            client: BusClient(endpoint: endpoints.requests, credentials: nil, logger: logger),
            binaries: URL(fileURLWithPath: binaries), endpoints: endpoints, dataDirectory: dataDirectory)
        let staff = try bench.start("staff")
        try await bench.waitFor("staff")
        let port = 20000 + Int(getpid() % 10000)
        let token = "bench-\(UUID().uuidString)"
        let gateway = try bench.startGateway(port: port, token: token)
        defer {
            for process in [staff, gateway] {
                process.terminate()
                process.waitUntilExit()
            }
        }
        let employee = try await bench.client.call(
            Staff.createEmployee,
            .init(
                name: "Bench Agent", email: "bench@example.com", country: "NL", start_date: "2025-01-06",
                status: .active)
        ).employee!.employee_id!
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/staff/GetEmployee?employee_id=\(employee)")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        try await bench.waitForHTTP(request)

        let bus = try await latency(roundTrips) {
            _ = try await bench.client.call(Staff.getEmployee, .init(employee_id: employee))
        }
        let http = try await latency(roundTrips) {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            guard response.status == .ok else { throw RPCError(.internal, "HTTP \(response.status.code)") }
            _ = try await response.body.collect(upTo: 1 << 20)
        }
        print("RESULT bench=gateway-bus kind=latency n=\(roundTrips) p50_us=\(bus.p50) p99_us=\(bus.p99)")
        print("RESULT bench=gateway-http kind=latency n=\(roundTrips) p50_us=\(http.p50) p99_us=\(http.p99)")
        print(
            "RESULT bench=gateway-ratio kind=ratio p50=\(rounded(http.p50 / bus.p50)) p99=\(rounded(http.p99 / bus.p99))"
        )
        await bench.client.close()
        await broker.stop()
    }

    /// The gateway process on `port`, calling the broker.
    func startGateway(port: Int, token: String) throws -> Process {
        let process = Process()
        process.executableURL = binaries.appendingPathComponent("gateway")
        process.arguments = ["--bus", endpoints.requests, "--http-port", "\(port)", "--log-level", "error"]
        process.environment = ProcessInfo.processInfo.environment.merging(["GLIMLACH_GATEWAY_TOKEN": token]) { $1 }
        try process.run()
        return process
    }

    /// Waits (at most 30 s) until `request` answers 200.
    func waitForHTTP(_ request: HTTPClientRequest) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(1)),
                response.status == .ok
            {
                _ = try? await response.body.collect(upTo: 1 << 20)
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw RPCError(.unavailable, "the gateway did not answer within 30 s")
    }

    /// p50 and p99 in microseconds of `roundTrips` calls one at a time, after 200 to warm up.
    static func latency(_ roundTrips: Int, _ call: () async throws -> Void) async throws -> (p50: Double, p99: Double) {
        for _ in 0..<200 { try await call() }
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<roundTrips {
            let start = clock.now
            try await call()
            samples.append((clock.now - start).microseconds)
        }
        let stats = LatencyStats(samples: samples)
        return (rounded(stats.percentile(50)), rounded(stats.percentile(99)))
    }
}

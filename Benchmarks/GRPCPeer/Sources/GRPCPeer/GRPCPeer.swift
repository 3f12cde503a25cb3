import GRPCCore
import GRPCNIOTransportHTTP2

/// The gRPC peer of `make bench`: the bus benchmark's 128-byte echo with grpc-swift 2,
/// server and client in this process on NIO's shared event loops, HTTP/2 over
/// loopback TCP, plaintext. Prints `RESULT key=value ...` lines that scripts/bench
/// collects into its table.
///
///     grpc-peer [round-trips] [seconds-of-throughput]
@main
struct GRPCPeer {
    static let inFlight = 64
    let payload = [UInt8](repeating: 0x5A, count: 128)
    let client: GRPCClient<HTTP2ClientTransport.Posix>

    static func main() async throws {
        let arguments = CommandLine.arguments
        let roundTrips = arguments.count > 1 ? Int(arguments[1]) ?? 5000 : 5000
        let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 3 : 3

        let server = GRPCServer(
            transport: .http2NIOPosix(address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: .plaintext),
            services: [EchoService()])
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await server.serve() }
            guard let address = try await server.listeningAddress?.ipv4 else { fatalError("the server did not bind") }
            let client = GRPCClient(
                transport: try .http2NIOPosix(
                    target: .ipv4(address: address.host, port: address.port), transportSecurity: .plaintext))
            group.addTask { try await client.runConnections() }

            let peer = GRPCPeer(client: client)
            for _ in 0..<1000 { try await peer.echo() }  // warm-up: connection, HTTP/2 windows, caches
            try await peer.latency(roundTrips: roundTrips)
            try await peer.throughput(seconds: seconds)

            client.beginGracefulShutdown()
            server.beginGracefulShutdown()
        }
    }

    func echo() async throws {
        let reply = try await client.unary(
            request: ClientRequest(message: payload), descriptor: EchoService.method,
            serializer: RawSerializer(), deserializer: RawDeserializer(), options: .defaults
        ) { try $0.message }
        precondition(reply.count == payload.count, "echo came back with \(reply.count) bytes")
    }

    /// One call at a time: p50 and p99 of the round trip.
    func latency(roundTrips: Int) async throws {
        try await measureLatency(bench: "grpc", roundTrips: roundTrips) { try await echo() }
    }

    /// `inFlight` tasks calling in a loop for `seconds`: calls per second.
    func throughput(seconds: Double) async throws {
        try await measureThroughput(bench: "grpc", inFlight: Self.inFlight, seconds: seconds) { try await echo() }
    }
}

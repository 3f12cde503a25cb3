import ArgumentParser
import Bus
import Stack

/// `glimlach`: call, inspect and run the Glimlach services.
@main
struct GlimlachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glimlach",
        abstract: "Call, inspect and run the Glimlach customer-happiness services.",
        subcommands: [
            UpCommand.self, DemoCommand.self, CallCommand.self, ListCommand.self, ServicesCommand.self,
            HealthCommand.self, KeysCommand.self, CustomerCommand.self, BackupCommand.self, RestoreCommand.self,
        ])
}

/// Where the bus is, for the commands that talk to it.
struct BusOptions: ParsableArguments {
    @Option(
        name: .customLong("bus"),
        help: ArgumentHelp(
            "Bus endpoint: tcp://HOST:PORT, HOST:PORT or ipc://PATH, or several brokers' separated by commas (env GLIMLACH_BUS_ENDPOINT).",
            valueName: "endpoint"))
    var given = environmentValue("GLIMLACH_BUS_ENDPOINT", "tcp://127.0.0.1:5555")

    @Option(help: "Seconds to wait for each reply.")
    var timeout: Double = 5

    var timeoutDuration: Duration { .milliseconds(Int64(timeout * 1000)) }

    /// The endpoints as ZeroMQ takes them: HOST:PORT gets tcp:// in front.
    var bus: String {
        endpointList(given).map { $0.contains("://") ? $0 : "tcp://" + $0 }.joined(separator: ",")
    }

    func validate() throws {
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be more than 0 seconds") }
        let invalid = ValidationError("--bus \(given): expected tcp://HOST:PORT, HOST:PORT or ipc://PATH")
        guard !endpointList(bus).isEmpty else { throw invalid }
        for endpoint in endpointList(bus) {
            let scheme = endpoint.prefix { $0 != ":" }
            guard ["tcp", "ipc", "inproc"].contains(scheme) else { throw invalid }
            if scheme == "tcp" {
                let address = endpoint.dropFirst("tcp://".count)
                guard let colon = address.lastIndex(of: ":"), colon != address.startIndex,
                    UInt16(address[address.index(after: colon)...]) != nil
                else { throw invalid }
            }
        }
    }

    /// Exits with 1 at once, naming the endpoint, when nothing listens there; a
    /// ZeroMQ client would otherwise wait out every call's deadline.
    func requireListener() throws {
        let probeMs = Int32(min(timeout, 2) * 1000)
        let failures = endpointList(bus).compactMap { TCPProbe.failure(connectingTo: $0, timeoutMs: probeMs) }
        guard failures.count == endpointList(bus).count, let failure = failures.first else { return }
        printError("no bus at \(bus) (\(failure)); start one with `glimlach up` or point --bus at it")
        throw ExitCode(1)
    }
}

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
            "Bus endpoint: tcp://HOST:PORT, HOST:PORT or ipc://PATH (env GLIMLACH_BUS_ENDPOINT).",
            valueName: "endpoint"))
    var given = environmentValue("GLIMLACH_BUS_ENDPOINT", "tcp://127.0.0.1:5555")

    @Option(help: "Seconds to wait for each reply.")
    var timeout: Double = 5

    var timeoutDuration: Duration { .milliseconds(Int64(timeout * 1000)) }

    /// The endpoint as ZeroMQ takes it: HOST:PORT gets tcp:// in front.
    var bus: String { given.contains("://") ? given : "tcp://" + given }

    func validate() throws {
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be more than 0 seconds") }
        let scheme = bus.prefix { $0 != ":" }
        guard ["tcp", "ipc", "inproc"].contains(scheme) else {
            throw ValidationError("--bus \(given): expected tcp://HOST:PORT, HOST:PORT or ipc://PATH")
        }
        if scheme == "tcp" {
            let address = bus.dropFirst("tcp://".count)
            guard let colon = address.lastIndex(of: ":"), colon != address.startIndex,
                UInt16(address[address.index(after: colon)...]) != nil
            else { throw ValidationError("--bus \(given): expected tcp://HOST:PORT, HOST:PORT or ipc://PATH") }
        }
    }

    /// Exits with 1 at once, naming the endpoint, when nothing listens there; a
    /// ZeroMQ client would otherwise wait out every call's deadline.
    func requireListener() throws {
        let probeMs = Int32(min(timeout, 2) * 1000)
        guard let failure = TCPProbe.failure(connectingTo: bus, timeoutMs: probeMs) else { return }
        printError("no bus at \(bus) (\(failure)); start one with `glimlach up` or point --bus at it")
        throw ExitCode(1)
    }
}

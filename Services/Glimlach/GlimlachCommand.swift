import ArgumentParser
import Bus

/// `glimlach`: call, inspect and run the Glimlach services.
@main
struct GlimlachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glimlach",
        abstract: "Call, inspect and run the Glimlach customer-happiness services.",
        subcommands: [
            UpCommand.self, DemoCommand.self, CallCommand.self, ListCommand.self, ServicesCommand.self,
            HealthCommand.self, KeysCommand.self,
        ])
}

/// Where the bus is, for the commands that talk to it.
struct BusOptions: ParsableArguments {
    @Option(help: "Bus endpoint (env GLIMLACH_BUS_ENDPOINT).")
    var bus = environmentValue("GLIMLACH_BUS_ENDPOINT", "tcp://127.0.0.1:5555")

    @Option(help: "Seconds to wait for each reply.")
    var timeout: Double = 5

    var timeoutDuration: Duration { .milliseconds(Int64(timeout * 1000)) }
}

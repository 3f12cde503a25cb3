import ArgumentParser
import Bus
import ServiceKit

/// `tickets`: the tickets service, serving proto/tickets.proto on the bus.
@main
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets", abstract: "Run the Glimlach tickets service.")

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        let host = ServiceHost(name: "tickets", options: options)
        let store = try SQLiteStore(
            path: options.databasePath("tickets"), service: "tickets", migrations: [], publish: host.publish)
        var router = ServiceRouter(service: "tickets")
        host.registerStandardMethods(on: &router, store: store)
        try await host.run(router: router)
    }
}

import ArgumentParser
import Bus
import ServiceKit

/// `tickets`: the tickets service, serving proto/tickets.proto on the bus, with the
/// scheduler that flags at-risk and breached first responses.
@main
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets", abstract: "Run the Glimlach tickets service.")

    @OptionGroup var options: ServiceOptions

    @Option(help: "Seconds between SLA scheduler ticks (env GLIMLACH_TICKETS_SLA_TICK_SECONDS).")
    var slaTickSeconds = Int(environmentValue("GLIMLACH_TICKETS_SLA_TICK_SECONDS", "30")) ?? 30

    @Option(help: "Budget of one call to staff in ms (env GLIMLACH_TICKETS_STAFF_TIMEOUT_MS).")
    var staffTimeoutMs = Int(environmentValue("GLIMLACH_TICKETS_STAFF_TIMEOUT_MS", "2000")) ?? 2000

    func run() async throws {
        let host = ServiceHost(name: "tickets", options: options)
        let store = try await TicketsSQLStore.open(options.database("tickets"), publish: host.publish)
        var settings = TicketsSettings()
        settings.slaTickInterval = .seconds(max(slaTickSeconds, 1))
        settings.staffTimeout = .milliseconds(max(staffTimeoutMs, 100))
        let router = makeTicketsRouter(store: store, client: host.client, settings: settings)
        let scheduler = makeSLAScheduler(
            store: store, client: host.client, settings: settings, logger: host.logger)
        try await host.run(router: router, extraServices: [scheduler])
    }
}

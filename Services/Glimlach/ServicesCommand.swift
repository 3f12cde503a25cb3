import ArgumentParser
import Bus

/// `glimlach services`: the broker's live listing.
struct ServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services",
        abstract: "Show every service the bus knows: workers, capacity, queue depth, served and failed counts.")

    @OptionGroup var bus: BusOptions

    func run() async throws {
        let reply = try await withClient(bus) { client in
            try await client.call(BusAPI.listServices, ListServicesRequest())
        }
        let header = ["SERVICE", "WORKERS", "CAPACITY", "IDLE", "QUEUED", "IN FLIGHT", "SERVED", "FAILED"]
        let rows = reply.services.map { service in
            [
                service.name, "\(service.workers)", "\(service.capacity)", "\(service.idle_slots)",
                "\(service.queue_depth)", "\(service.in_flight)", "\(service.served)", "\(service.failed)",
            ]
        }
        print(table([header] + rows))
    }
}

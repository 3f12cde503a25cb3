import ArgumentParser
import Bus

/// `glimlach services`: the broker's live listing.
struct ServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services",
        abstract:
            "Show every service the bus knows: workers, capacity, queue depth, served and failed counts (per broker when --bus names several)."
    )

    @OptionGroup var bus: BusOptions

    func run() async throws {
        let brokers = endpointList(bus.bus)
        guard brokers.count > 1 else { return print(try await listing(bus)) }
        // Several brokers: each one's view, since each routes on its own.
        var answered = 0
        for broker in brokers {
            var one = bus
            one.given = broker
            do {
                let text = try await listing(one)
                answered += 1
                print("broker \(broker)\n\(text)\n")
            } catch {
                print("broker \(broker): not answering\n")
            }
        }
        if answered == 0 { throw ExitCode(1) }
    }

    private func listing(_ options: BusOptions) async throws -> String {
        let reply = try await withClient(options) { client in
            try await client.call(BusAPI.listServices, ListServicesRequest())
        }
        let header = ["SERVICE", "WORKERS", "CAPACITY", "IDLE", "QUEUED", "IN FLIGHT", "SERVED", "FAILED"]
        let rows = reply.services.map { service in
            [
                service.name, "\(service.workers)", "\(service.capacity)", "\(service.idle_slots)",
                "\(service.queue_depth)", "\(service.in_flight)", "\(service.served)", "\(service.failed)",
            ]
        }
        return table([header] + rows)
    }
}

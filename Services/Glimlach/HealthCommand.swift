import ArgumentParser
import Bus
import Wire

/// `glimlach health [SERVICE]`: one service's Health, or every service's.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Ask a service (or the bus and every service) whether it is serving.",
        discussion: """
            Exits with 1 when any service asked is not serving or does not answer. Without a service, \
            the bus is asked first; when it does not answer, the services are not asked.
            """)

    @Argument(help: "A service, e.g. tickets; all services when omitted.") var service: String?
    @OptionGroup var bus: BusOptions

    func run() async throws {
        let services = service.map { [$0] } ?? ["bus"] + ServiceSchema.all.map(\.busName).filter { $0 != "bus" }
        try bus.requireListener()
        let client = BusClient(endpoint: bus.bus, defaultTimeout: bus.timeoutDuration)
        var rows = [["SERVICE", "STATUS", "VERSION", "UPTIME", "LAST SEQUENCE"]]
        var healthy = true
        for name in services {
            do {
                let reply = try await client.call(Method.health(name), HealthRequest())
                healthy = healthy && reply.status == .serving
                rows.append([
                    name, reply.status == .serving ? "SERVING" : "NOT_SERVING", reply.version ?? "-",
                    reply.uptime_ms.map { "\($0 / 1000)s" } ?? "-", reply.last_sequence.map(String.init) ?? "-",
                ])
            } catch let error as RPCError {
                healthy = false
                rows.append([name, error.code.description, "-", "-", error.message])
                // Every service's call goes through the bus: without it each would wait out its deadline.
                if name == "bus", service == nil {
                    await client.close()
                    print(table(rows))
                    printError("the bus at \(bus.bus) does not answer; the services were not asked")
                    throw ExitCode(1)
                }
            }
        }
        await client.close()
        print(table(rows))
        if !healthy { throw ExitCode(1) }
    }
}

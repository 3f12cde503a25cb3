import ArgumentParser
import Bus
import ServiceKit

/// `staff`: the staff service, serving proto/staff.proto on the bus.
@main
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Run the Glimlach staff service.")

    @OptionGroup var options: ServiceOptions

    func run() async throws {
        let host = ServiceHost(name: "staff", options: options)
        let store = try SQLiteStore(
            path: options.databasePath("staff"), service: "staff", migrations: [], publish: host.publish)
        var router = ServiceRouter(service: "staff")
        host.registerStandardMethods(on: &router, store: store)
        try await host.run(router: router)
    }
}

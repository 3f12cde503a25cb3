import ArgumentParser
import Bus
import Foundation
import ServiceKit

/// `staff`: the staff service, serving proto/staff.proto on the bus.
///
/// Configuration keys (besides `ServiceOptions`):
/// - `--time-zone` (String, default "Europe/Amsterdam", env `GLIMLACH_TIME_ZONE`):
///   where budget months and pulse periods begin.
@main
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Run the Glimlach staff service.")

    @OptionGroup var options: ServiceOptions

    @Option(help: "IANA time zone where budget months and pulse periods begin (env GLIMLACH_TIME_ZONE).")
    var timeZone = environmentValue("GLIMLACH_TIME_ZONE", "Europe/Amsterdam")

    func validate() throws {
        guard TimeZone(identifier: timeZone) != nil else {
            throw ValidationError("--time-zone: unknown zone '\(timeZone)'")
        }
    }

    func run() async throws {
        let host = ServiceHost(name: "staff", options: options)
        let store = try SQLiteStaffStore(
            path: options.databasePath("staff"), timeZone: TimeZone(identifier: timeZone)!, publish: host.publish)
        try await host.run(router: makeStaffRouter(store: store))
    }
}

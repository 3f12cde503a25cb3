import ArgumentParser
import Bus
import Foundation
import ServiceKit

/// `staff`: the staff service, serving proto/staff.proto on the bus.
///
/// Configuration keys (besides `ServiceOptions`):
/// - `--time-zone` (String, default "Europe/Amsterdam", env `GLIMLACH_TIME_ZONE`):
///   where budget months and pulse periods begin.
/// - `--password-cost` (10...16, default 12, env `GLIMLACH_STAFF_PASSWORD_COST`):
///   bcrypt's work factor for new password hashes; each step doubles the time a
///   hash takes (about a quarter of a second at 12 on one core).
@main
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Run the Glimlach staff service.")

    @OptionGroup var options: ServiceOptions

    @Option(help: "IANA time zone where budget months and pulse periods begin (env GLIMLACH_TIME_ZONE).")
    var timeZone = environmentValue("GLIMLACH_TIME_ZONE", "Europe/Amsterdam")

    @Option(help: "bcrypt work factor for new password hashes, 10...16 (env GLIMLACH_STAFF_PASSWORD_COST).")
    var passwordCost = Int(environmentValue("GLIMLACH_STAFF_PASSWORD_COST", "12")) ?? -1

    func validate() throws {
        guard let cost = UInt8(exactly: passwordCost), PasswordRules.costs.contains(cost) else {
            throw ValidationError(
                "--password-cost: must be \(PasswordRules.costs.lowerBound)...\(PasswordRules.costs.upperBound), got \(passwordCost)"
            )
        }
        guard TimeZone(identifier: timeZone) != nil else {
            throw ValidationError("--time-zone: unknown zone '\(timeZone)'")
        }
    }

    func run() async throws {
        let host = ServiceHost(name: "staff", options: options)
        let zone = TimeZone(identifier: timeZone)!
        let store = try await StaffSQLStore.open(options.database("staff"), timeZone: zone, publish: host.publish)
        let passwords = PasswordRules(cost: UInt8(passwordCost))
        try await host.run(router: makeStaffRouter(store: store, passwords: passwords))
    }
}

import Foundation
import TestSupport
import Testing

/// Staff's own settings refuse what would weaken or stall sign-in, naming the flag.
@Suite("Staff settings", .timeLimit(.minutes(1)))
struct StaffSettingsTests {
    @Test("a bcrypt work factor outside 10...16 is refused at start, by flag and by environment")
    func passwordCost() async throws {
        let endpoint = try freeEndpoint()
        let flag = try await CommandRun.run(
            "staff", ["--password-cost", "4"], environment: ["GLIMLACH_BUS_ENDPOINT": endpoint])
        #expect(flag.status != 0)
        #expect(flag.errors.contains("--password-cost: must be 10...16, got 4"), "\(flag.errors)")
        let environment = try await CommandRun.run(
            "staff", [], environment: ["GLIMLACH_BUS_ENDPOINT": endpoint, "GLIMLACH_STAFF_PASSWORD_COST": "31"])
        #expect(environment.status != 0)
        #expect(environment.errors.contains("--password-cost: must be 10...16, got 31"), "\(environment.errors)")
    }
}

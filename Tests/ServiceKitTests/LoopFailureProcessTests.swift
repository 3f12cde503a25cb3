import Foundation
import TestSupport
import Testing

/// A service whose bus worker or event publisher cannot go on ends, non-zero and
/// saying why, instead of staying up and answering nothing.
@Suite("a failed loop ends the service", .serialized)
struct LoopFailureProcessTests {
    static func run(bus: String, eventsIn: String) async throws -> CommandRun {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("loop-failure-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dataDir) }
        return try await CommandRun.run(
            "staff", ["--bus", bus, "--events-in", eventsIn, "--data-dir", dataDir.path], timeout: .seconds(15))
    }

    @Test("a service whose worker cannot reach the bus exits non-zero saying why")
    func workerLoopFails() async throws {
        let run = try await Self.run(bus: "nonsense://bus", eventsIn: try freeEndpoint())
        #expect(run.status != 0)
        #expect((run.output + run.errors).contains("the bus worker for staff failed"), "\(run.output)\(run.errors)")
    }

    @Test("a service whose event publisher cannot connect exits non-zero saying why")
    func publisherLoopFails() async throws {
        let run = try await Self.run(bus: try freeEndpoint(), eventsIn: "nonsense://events")
        #expect(run.status != 0)
        #expect((run.output + run.errors).contains("the event publisher failed"), "\(run.output)\(run.errors)")
    }
}

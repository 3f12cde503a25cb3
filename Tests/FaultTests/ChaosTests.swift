import Bus
import Contract
import Foundation
import TestSupport
import Testing

/// Processes killed with SIGKILL at random while callers create tickets and read
/// figures, on a stack with two brokers. The short form runs in `make test`;
/// `make chaos` runs it for minutes (CHAOS_SECONDS) and docs/operating.md keeps the
/// figures.
@Suite("chaos: processes killed at random under load", .serialized, .timeLimit(.minutes(30)))
struct ChaosTests {
    static let seconds = Int(ProcessInfo.processInfo.environment["CHAOS_SECONDS"] ?? "") ?? 20
    static let seed = UInt64(ProcessInfo.processInfo.environment["CHAOS_SEED"] ?? "") ?? UInt64.random(in: 1...99_999)

    @Test("kill -9 of services, analytics and brokers under load: nothing acknowledged lost or made twice, all recover")
    func chaos() async throws {
        try await ProcessStack.run(standby: true, Self.run)
    }

    static func run(_ stack: ProcessStack) async throws {
        var processes: [String: ChildProcess] = [:]
        for service in ["staff", "tickets", "feedback", "analytics"] {
            processes[service] = try await stack.start(service)
        }
        let client = stack.client
        let record = ChaosRecord()
        let load = Task { await ChaosLoad(client: client, record: record).run() }

        // Every 2-4 s one process, chosen at random, is killed; it starts again after 0.5 s.
        var random = SeededRandom(seed: seed)
        let victims = ["tickets", "staff", "feedback", "analytics", "bus", "bus-standby"]
        let end = ContinuousClock.now + .seconds(seconds)
        var faults: [ChaosRecord.Fault] = []
        while ContinuousClock.now < end {
            try await Task.sleep(for: .milliseconds(2000 + Int(random.next() % 2000)))
            let victim = victims[Int(random.next() % UInt64(victims.count))]
            let killed = ContinuousClock.now
            switch victim {
            case "bus": try await stack.restartBroker(after: .milliseconds(500))
            case "bus-standby":
                await stack.killStandbyBroker()
                try await Task.sleep(for: .milliseconds(500))
                try stack.restartStandbyBroker()
            default:
                await processes[victim]?.kill()
                try await Task.sleep(for: .milliseconds(500))
                // Analytics rebuilds (or loads) its read model before it serves.
                processes[victim] = try await stack.start(victim, timeout: .seconds(180))
            }
            let serving = ContinuousClock.now
            let recovered = try await record.nextAcknowledgement(after: serving)
            faults.append(.init(victim: victim, killed: killed, serving: serving, recovered: recovered))
        }
        record.stop()
        await load.value

        let check = try await ChaosCheck.verify(record.acknowledged, client: client)
        let report = record.report(faults: faults, check: check, seconds: seconds, seed: seed)
        print(report)
        #expect(check.lost.isEmpty, "acknowledged but missing: \(check.lost.prefix(5))")
        #expect(check.doubled.isEmpty, "keys that made two tickets: \(check.doubled.prefix(5))")
        #expect(record.acknowledged.count > 0)
        #expect(!faults.isEmpty)
        // Every process serves again at the end.
        for service in ["staff", "tickets", "feedback", "analytics"] {
            #expect(try await client.call(Method.health(service), HealthRequest()).status == .serving, "\(service)")
        }
    }
}

/// A splitmix64 generator, so a run can be repeated with its seed (CHAOS_SEED).
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

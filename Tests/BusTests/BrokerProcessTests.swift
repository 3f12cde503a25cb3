import TestSupport
import Bus
import Foundation
import Testing

@Suite("Broker and workers as processes", .serialized)
struct BrokerProcessTests {
    @Test("three worker processes of one service share the load")
    func threeWorkersShare() async throws {
        let bus = try await ProcessBus()
        let workers = [
            try await bus.startWorker("work"), try await bus.startWorker("work"), try await bus.startWorker("work"),
        ]
        let servedBy = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<30 { group.addTask { try await bus.work("work", delayMs: 30, timeout: .seconds(10)) } }
            return try await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        }
        #expect(Set(servedBy.keys) == Set(workers.map { "pid:\($0.pid)" }))
        #expect(servedBy.values.allSatisfy { $0 >= 5 })
        let row = try #require(try await bus.listing()["work"])
        #expect(row.workers == 3 && row.served == 30 && row.failed == 0)
        await bus.shutdown()
    }

    @Test("a worker killed mid-request: the caller gets UNAVAILABLE well within its deadline")
    func killedWorkerUnavailable() async throws {
        let bus = try await ProcessBus()
        let worker = try await bus.startWorker("work")
        let clock = ContinuousClock()
        let start = clock.now
        async let outcome: String = bus.work("work", delayMs: 10_000, timeout: .seconds(5))
        try await Task.sleep(for: .milliseconds(300))
        await worker.kill()
        do {
            _ = try await outcome
            Issue.record("the call should fail")
        } catch let error as RPCError {
            #expect(error.code == .unavailable)
        }
        #expect(clock.now - start < .seconds(3))
        #expect(try await bus.workerCount("work") == 0)
        await bus.shutdown()
    }

    @Test("an idempotent call whose worker is killed is served by another worker")
    func killedWorkerRetried() async throws {
        let bus = try await ProcessBus()
        let first = try await bus.startWorker("work")
        async let servedBy: String = bus.work("work", delayMs: 800, timeout: .seconds(8), idempotent: true)
        try await Task.sleep(for: .milliseconds(200))
        let second = try await bus.startWorker("work")
        await first.kill()
        #expect(try await servedBy == "pid:\(second.pid)")
        await bus.shutdown()
    }

    @Test("a worker stopped with SIGTERM finishes its running request first")
    func gracefulWorkerStop() async throws {
        let bus = try await ProcessBus()
        let worker = try await bus.startWorker("work")
        async let servedBy: String = bus.work("work", delayMs: 500, timeout: .seconds(5))
        try await Task.sleep(for: .milliseconds(150))
        await worker.terminate()
        #expect(try await servedBy == "pid:\(worker.pid)")
        await bus.shutdown()
    }

    @Test("a bus stopped with SIGTERM exits promptly")
    func brokerStops() async throws {
        let bus = try await ProcessBus()
        try await bus.startWorker("work")
        let clock = ContinuousClock()
        let start = clock.now
        await bus.shutdown()
        #expect(clock.now - start < .seconds(5))
        #expect(bus.broker.process.terminationReason == .exit)
    }
}

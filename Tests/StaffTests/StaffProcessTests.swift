import Bus
import Contract
import Domain
import Foundation
import Synchronization
import TestSupport
import Testing

/// Ids of writes the caller saw acknowledged, from concurrent tasks.
private final class Acknowledged: Sendable {
    let ids = Mutex<[String]>([])
    var all: [String] { ids.withLock { $0 } }
    func add(_ id: String) { ids.withLock { $0.append(id) } }
}

@Suite("staff as a process", .serialized)
struct StaffProcessTests {
    @Test("the staff executable serves Health and Since over the bus")
    func servesStandardMethods() async throws {
        let stack = try await ProcessStack()
        try await stack.start("staff")
        let health = try await stack.client.call(Staff.health, HealthRequest())
        #expect(health.service == "staff" && health.status == .serving && health.last_sequence == 0)
        let replay = try await stack.client.call(Staff.since, SinceRequest(after_sequence: 0))
        #expect(replay.events.isEmpty)
        await stack.shutdown()
    }

    @Test(
        "after kill -9 and a restart on the same data every acknowledged write is there and Since(0) replays each event once, in order"
    )
    func survivesKill() async throws {
        let stack = try await ProcessStack()
        do {
            try await killAndRestart(stack)
        } catch {
            await stack.shutdown()
            throw error
        }
        await stack.shutdown()
    }

    private func killAndRestart(_ stack: ProcessStack) async throws {
        let staff = try await stack.start("staff")
        let client = stack.client
        var acknowledged: [String] = []
        for index in 0..<10 {
            let reply = try await client.call(Staff.createEmployee, .init(name: "Agent \(index)", status: .active))
            acknowledged.append(reply.employee!.employee_id!)
        }
        // A burst of concurrent writes; the process dies as soon as five of them are acknowledged.
        let burstAcks = Acknowledged()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<30 {
                group.addTask {
                    let reply = try? await client.call(
                        Staff.createEmployee, .init(name: "Burst \(index)", status: .active),
                        options: .init(timeout: .seconds(2)))
                    if let id = reply?.employee?.employee_id { burstAcks.add(id) }
                }
            }
            try await waitUntil("five burst writes are acknowledged") { burstAcks.all.count >= 5 }
            await staff.kill()
            try await group.waitForAll()
        }
        acknowledged += burstAcks.all
        #expect(acknowledged.count >= 15)

        try await stack.start("staff")
        for id in acknowledged {
            let employee = try await client.call(Staff.getEmployee, .init(employee_id: id)).employee
            #expect(employee?.employee_id == id)
        }
        let listed = try await client.call(Staff.listEmployees, .init(page_size: 500)).employees
        let replay = try await client.call(Staff.since, SinceRequest(after_sequence: 0, limit: 5000))
        // Exactly one employee.created per committed employee, numbered 1...n without gaps or repeats.
        #expect(replay.events.map(\.sequence) == Array(1...UInt64(listed.count)))
        #expect(replay.events.allSatisfy { $0.type == "employee.created" })
        #expect(Set(replay.events.compactMap(\.subject_id)) == Set(listed.compactMap(\.employee_id)))
        #expect(Set(acknowledged).isSubset(of: Set(replay.events.compactMap(\.subject_id))))
        #expect(replay.last_sequence == UInt64(listed.count))
        // The first ten were written one after another, so they replay in that order.
        #expect(Array(replay.events.prefix(10).compactMap(\.subject_id)) == Array(acknowledged.prefix(10)))
        // Writing continues the sequence.
        _ = try await client.call(Staff.createEmployee, .init(name: "After restart"))
        #expect(try await client.call(Staff.health, HealthRequest()).last_sequence == UInt64(listed.count + 1))
    }
}

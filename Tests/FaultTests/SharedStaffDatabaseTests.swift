import Bus
import Contract
import Foundation
import TestSupport
import Testing

/// Two staff processes serving from one PostgreSQL database behind one broker; one
/// killed with SIGKILL while four callers add employees.
@Suite(
    "faults: two staff processes on one PostgreSQL database", .serialized, .timeLimit(.minutes(3)),
    .enabled(if: TestBackend.isPostgres))
struct SharedStaffDatabaseTests {
    @Test("kill -9 of one of two staff processes under load: every acknowledged employee once, events gap-free")
    func oneOfTwoKilled() async throws {
        try await ProcessStack.run(Self.run)
    }

    static func run(_ stack: ProcessStack) async throws {
        let processes = try await SharedDatabaseTests.startTwo("staff", in: stack)
        let client = stack.client
        let log = Acknowledgements()
        let stop = Flag()
        let load = KeyedLoad.start(prefix: "hire", log: log, stop: stop) { key in
            try await client.call(
                Staff.createEmployee,
                .init(
                    name: "Employee \(key)", email: "\(key)@glimlach.example", country: "NL",
                    start_date: "2026-12-07", status: .active),
                options: .init(timeout: .seconds(2), idempotencyKey: key)
            ).employee!.employee_id!
        }
        try await waitUntil("the load runs on both processes", timeout: .seconds(30)) { log.count >= 150 }
        let killedAt = ContinuousClock.now
        await processes[0].kill()
        try await waitUntil("the load goes on", timeout: .seconds(30)) {
            log.times.filter { $0 > killedAt }.count >= 150
        }
        stop.set()
        await load.value

        let events = try await client.events(of: "staff")
        #expect(events.map(\.sequence) == Array(1...UInt64(events.count)), "staff's events gap-free")
        let created = events.filter { $0.type == "employee.created" }.compactMap(\.subject_id)
        #expect(Set(log.ids.values).isSubset(of: Set(created)), "acknowledged employees missing")
        var perKey: [String: Int] = [:]
        for id in created {
            let email = try await client.call(Staff.getEmployee, .init(employee_id: id)).employee?.email ?? ""
            perKey[email, default: 0] += 1
        }
        #expect(perKey.values.allSatisfy { $0 == 1 }, "keys with two employees: \(perKey.filter { $0.value > 1 }.keys)")
        #expect(created.count <= log.count + 4, "\(created.count) employees for \(log.count) keys")
        print(
            "two staff processes on PostgreSQL: \(log.count) acknowledged (\(log.failures.count) calls failed), \(events.count) events gap-free, \(created.count) employees, one per key"
        )
    }
}

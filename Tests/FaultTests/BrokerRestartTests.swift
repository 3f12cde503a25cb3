import Bus
import Contract
import Foundation
import Synchronization
import TestSupport
import Testing

@Suite("faults: the bus killed and restarted", .serialized, .timeLimit(.minutes(2)))
struct BrokerRestartTests {
    @Test(
        "clients and workers reconnect within 5 s, interrupted writes succeed on retry, no acknowledged write is lost")
    func brokerKilledAndRestarted() async throws {
        let stack = try await ProcessStack()
        try await stack.start("staff")
        let writer = RetryingWriter(client: stack.client)
        for number in 0..<20 { try await writer.create(number) }

        let stop = Atomic<Bool>(false)
        let load = Task {
            var number = 20
            while !stop.load(ordering: .relaxed) {
                try await writer.create(number)
                number += 1
            }
            return number
        }
        try await Task.sleep(for: .milliseconds(300))
        let beforeRestart = writer.acknowledged.count
        try await stack.restartBroker()
        let clock = ContinuousClock()
        let restarted = clock.now
        try await waitUntil("staff answers through the new bus", timeout: .seconds(5)) {
            try await stack.client.call(Staff.health, HealthRequest(), options: .init(timeout: .milliseconds(300)))
                .status == .serving
        }
        let reconnected = clock.now - restarted
        #expect(reconnected < .seconds(5))
        try await waitUntil("writes go on through the new bus", timeout: .seconds(20)) {
            writer.acknowledged.count >= beforeRestart + 20
        }
        stop.store(true, ordering: .relaxed)
        let written = try await load.value

        let acknowledged = writer.acknowledged
        #expect(acknowledged.count == written)
        // A write caught by the kill fails and is retried with its key; one sent while
        // the bus is down waits in the client's socket and goes to the new bus.
        #expect(written >= beforeRestart + 20)
        for id in acknowledged.values {
            let employee = try await stack.client.call(Staff.getEmployee, Staff.GetEmployeeRequest(employee_id: id))
            #expect(employee.employee?.employee_id == id)
        }
        var listed = 0
        var token: String?
        repeat {
            let page = try await stack.client.call(
                Staff.listEmployees, Staff.ListEmployeesRequest(page_size: 500, page_token: token))
            listed += page.employees.count
            token = page.next_page_token
        } while token != nil
        #expect(listed == written, "a retried create must not make a second employee")
        #expect(writer.failedAttempts.allSatisfy { [.unavailable, .deadlineExceeded].contains($0) })
        await stack.shutdown()
    }
}

/// Creates employees, retrying each create with the same idempotency key until it is
/// acknowledged, and remembers what was acknowledged and how attempts failed.
final class RetryingWriter: Sendable {
    let client: BusClient
    private let state = Mutex<(acknowledged: [Int: String], failures: [StatusCode])>(([:], []))

    init(client: BusClient) {
        self.client = client
    }

    var acknowledged: [Int: String] { state.withLock { $0.acknowledged } }
    var failedAttempts: [StatusCode] { state.withLock { $0.failures } }

    func create(_ number: Int) async throws {
        let request = Staff.CreateEmployeeRequest(
            name: "Agent \(number)", email: "agent\(number)@glimlach.example", employer_id: "in-house",
            employer_kind: .inHouse, country: "NL", role: .serviceExpert, status: .active)
        for _ in 0..<50 {
            do {
                let reply = try await client.call(
                    Staff.createEmployee, request,
                    options: .init(timeout: .seconds(1), idempotencyKey: "agent-\(number)"))
                state.withLock { $0.acknowledged[number] = reply.employee?.employee_id }
                return
            } catch let error as RPCError {
                state.withLock { $0.failures.append(error.code) }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw RPCError(.unavailable, "create \(number) never succeeded")
    }
}

import Bus
import Contract
import Foundation
import Synchronization
import TestSupport
import Testing

/// Callers writing, each write under its own idempotency key, retried with the same
/// key until acknowledged, so a retry can never make a second record.
enum KeyedLoad {
    /// Starts `lanes` callers; `write` makes the record for a key and returns its
    /// id. They stop when `stop` is set.
    static func start(
        lanes: Int = 4, prefix: String, log: Acknowledgements, stop: Flag,
        write: @escaping @Sendable (String) async throws -> String
    ) -> Task<Void, Never> {
        Task {
            await withTaskGroup(of: Void.self) { group in
                for lane in 0..<lanes {
                    group.addTask {
                        var number = 0
                        while !stop.isSet {
                            number += 1
                            let key = "\(prefix)-\(lane)-\(number)"
                            for _ in 0..<100 where !stop.isSet {
                                do {
                                    log.acknowledge(key: key, id: try await write(key))
                                    break
                                } catch {
                                    log.fail("\(error)")
                                    try? await Task.sleep(for: .milliseconds(20))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Callers creating tickets, each ticket under its own idempotency key (also its
/// subject), retried with the same key until acknowledged.
enum KeyedTicketLoad {
    /// Starts `lanes` callers; they stop when `stop` is set.
    static func start(
        client: BusClient, lanes: Int = 4, prefix: String, log: Acknowledgements, stop: Flag,
        request: @escaping @Sendable (String) -> Tickets.CreateTicketRequest = ChaosLoad.ticket
    ) -> Task<Void, Never> {
        KeyedLoad.start(lanes: lanes, prefix: prefix, log: log, stop: stop) { key in
            try await client.call(
                Tickets.createTicket, request(key), options: .init(timeout: .seconds(2), idempotencyKey: key)
            ).ticket!.ticket_id!
        }
    }

    /// Checks that every acknowledged ticket is there and no key made two tickets (a
    /// call still unanswered when the load stopped may have made one more ticket,
    /// never a second for its key), and that tickets' events are gap-free.
    /// - Returns: every event tickets committed.
    static func expectEachAcknowledgedOnce(client: BusClient, log: Acknowledgements, lanes: Int = 4) async throws
        -> [Event]
    {
        let all = try await client.events(of: "tickets")
        let created = all.filter { $0.type == "ticket.created" }.compactMap(\.subject_id)
        let acknowledged = log.ids
        #expect(Set(acknowledged.values).isSubset(of: Set(created)), "acknowledged tickets missing")
        var keys: [String: Int] = [:]
        for id in created {
            let subject = try await client.call(Tickets.getTicket, .init(ticket_id: id)).ticket?.subject ?? ""
            keys[subject, default: 0] += 1
        }
        #expect(keys.values.allSatisfy { $0 == 1 }, "keys with two tickets: \(keys.filter { $0.value > 1 }.keys)")
        #expect(created.count <= acknowledged.count + lanes, "\(created.count) tickets for \(acknowledged.count) keys")
        #expect(all.map(\.sequence) == Array(1...UInt64(all.count)), "tickets' events gap-free")
        return all
    }
}

/// What the load had acknowledged (key -> ticket id, and when) and how many calls failed.
final class Acknowledgements: Sendable {
    private let state = Mutex<(ids: [String: String], times: [ContinuousClock.Instant], failures: [String])>(
        ([:], [], []))
    var count: Int { state.withLock { $0.ids.count } }
    var ids: [String: String] { state.withLock { $0.ids } }
    var times: [ContinuousClock.Instant] { state.withLock { $0.times } }
    var failures: [String] { state.withLock { $0.failures } }
    func acknowledge(key: String, id: String) {
        state.withLock {
            $0.ids[key] = id
            $0.times.append(.now)
        }
    }
    func fail(_ reason: String) { state.withLock { $0.failures.append(reason) } }
}

/// A stop signal for load tasks.
final class Flag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}

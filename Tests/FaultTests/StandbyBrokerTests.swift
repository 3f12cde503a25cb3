import Bus
import Contract
import Foundation
import Synchronization
import TestSupport
import Testing

/// Two brokers, every process connected to both; the first killed with SIGKILL
/// while four callers create tickets.
@Suite("faults: a second broker", .serialized, .timeLimit(.minutes(2)))
struct StandbyBrokerTests {
    @Test(
        "kill -9 of a broker under load: calls go on through the other within 2 s, none lost, none made twice, events flow"
    )
    func brokerKilledUnderLoad() async throws {
        try await ProcessStack.run(standby: true, Self.run)
    }

    static func run(_ stack: ProcessStack) async throws {
        try await stack.start("staff")
        try await stack.start("tickets")
        let client = stack.client
        let subscriber = EventSubscriber(
            endpoint: stack.environment["GLIMLACH_EVENTS_OUT"]!, topics: ["tickets."], logger: .init(label: "test"))
        let heard = Heard()
        let listening = Task { for await delivery in subscriber.deliveries { heard.add(delivery) } }

        let log = Acknowledgements()
        let stop = Flag()
        let load = Task {
            await withTaskGroup(of: Void.self) { group in
                for lane in 0..<4 {
                    group.addTask {
                        var number = 0
                        while !stop.isSet {
                            number += 1
                            let key = "standby-\(lane)-\(number)"
                            // The same key until it is acknowledged: a retry can never make a second ticket.
                            for _ in 0..<100 where !stop.isSet {
                                do {
                                    let reply = try await client.call(
                                        Tickets.createTicket, ChaosLoad.ticket(key),
                                        options: .init(timeout: .seconds(2), idempotencyKey: key))
                                    log.acknowledge(key: key, id: reply.ticket!.ticket_id!)
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
        try await waitUntil("the load runs through both brokers", timeout: .seconds(20)) { log.count >= 100 }
        let killedAt = ContinuousClock.now
        await stack.broker.kill()
        try await waitUntil("the load goes on", timeout: .seconds(20)) {
            log.times.filter { $0 > killedAt }.count >= 200
        }
        stop.set()
        await load.value

        // Calls went on within 2 s of the kill (the longest pause between two acknowledgements around it).
        let times = log.times.sorted()
        let pauses = zip(times, times.dropFirst()).filter { $0.1 > killedAt }.map { $0.1 - $0.0 }
        let longest = pauses.max() ?? .zero
        #expect(longest < .seconds(2), "longest pause \(longest)")

        // Every acknowledged ticket is there, and no key made two tickets (a call still
        // unanswered when the load stopped may have made one more, never a second).
        let created = try await client.events(of: "tickets").filter { $0.type == "ticket.created" }.compactMap(
            \.subject_id)
        let acknowledged = log.ids
        #expect(Set(acknowledged.values).isSubset(of: Set(created)))
        var keys: [String: Int] = [:]
        for id in created {
            let subject = try await client.call(Tickets.getTicket, .init(ticket_id: id)).ticket?.subject ?? ""
            keys[subject, default: 0] += 1
        }
        #expect(keys.values.allSatisfy { $0 == 1 }, "keys with two tickets: \(keys.filter { $0.value > 1 }.keys)")
        #expect(created.count <= acknowledged.count + 4, "\(created.count) tickets for \(acknowledged.count) keys")
        let all = try await client.events(of: "tickets")
        #expect(all.map(\.sequence) == Array(1...UInt64(all.count)), "tickets' events gap-free")

        // Events kept flowing through the other broker after the kill.
        let newest = all.last!.sequence
        try await waitUntil("the subscriber hears the last event", timeout: .seconds(10)) { heard.last >= newest }
        await subscriber.close()
        listening.cancel()
        print(
            "standby broker: \(acknowledged.count) acknowledged, \(log.failures.count) calls failed \(log.failures), longest pause \(longest)"
        )
    }
}

/// What the load had acknowledged (key -> ticket id, and when) and how many calls failed.
private final class Acknowledgements: Sendable {
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

/// The newest tickets sequence a subscriber heard.
private final class Heard: Sendable {
    private let newest = Mutex<UInt64>(0)
    var last: UInt64 { newest.withLock { $0 } }
    func add(_ delivery: EventDelivery) {
        if case .event(let event) = delivery { newest.withLock { $0 = max($0, event.sequence) } }
    }
}

private final class Flag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}

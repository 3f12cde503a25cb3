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
        let load = KeyedTicketLoad.start(client: client, prefix: "standby", log: log, stop: stop)
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

        let all = try await KeyedTicketLoad.expectEachAcknowledgedOnce(client: client, log: log)
        let acknowledged = log.ids

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

/// The newest tickets sequence a subscriber heard.
private final class Heard: Sendable {
    private let newest = Mutex<UInt64>(0)
    var last: UInt64 { newest.withLock { $0 } }
    func add(_ delivery: EventDelivery) {
        if case .event(let event) = delivery { newest.withLock { $0 = max($0, event.sequence) } }
    }
}

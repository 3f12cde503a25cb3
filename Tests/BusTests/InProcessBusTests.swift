import Bus
import Foundation
import Synchronization
import TestSupport
import Testing

@Suite("The tests' in-process bus")
struct InProcessBusTests {
    /// Threads that wait for each other, then ask the bus for its shared client at once.
    final class Race: Sendable {
        let ready = Atomic(0)
        let clients = Mutex<[ObjectIdentifier]>([])
    }

    @Test("threads asking for the shared client at the same moment all get the same one")
    func sharedClientUnderConcurrency() async throws {
        for _ in 0..<10 {
            let bus = try await InProcessBus()
            let race = Race()
            let threads = 6
            for _ in 0..<threads {
                Thread {
                    race.ready.add(1, ordering: .sequentiallyConsistent)
                    while race.ready.load(ordering: .sequentiallyConsistent) < threads {}
                    let client = bus.client()
                    race.clients.withLock { $0.append(ObjectIdentifier(client)) }
                }.start()
            }
            try await waitUntil("every thread has its client") { race.clients.withLock { $0.count } == threads }
            await bus.shutdown()
            #expect(Set(race.clients.withLock { $0 }).count == 1, "more than one shared client")
        }
    }
}

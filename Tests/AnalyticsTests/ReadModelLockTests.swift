@testable import AnalyticsCore
import Foundation
import Synchronization
import Testing

@Suite("the read model under query load")
struct ReadModelLockTests {
    /// Shared by the test and its reader threads.
    final class Readers: Sendable {
        let stop = Atomic(false)
        let running = Atomic(0)
    }

    @Test("events are applied promptly while queries overlap without pause")
    func eventsAreNotStarvedByQueries() throws {
        var script = EventScript()
        for index in 1...20 { script.answer("r\(index)", score: 9, agent: "a1", at: 1_000 + Int64(index)) }
        let model = AnalyticsReadModel()
        model.markReady()
        let readers = Readers()
        let giveUp = Date().addingTimeInterval(4)
        // Four readers, each query holding the state for 4 ms, so one always holds it.
        for _ in 0..<4 {
            Thread {
                readers.running.add(1, ordering: .sequentiallyConsistent)
                while !readers.stop.load(ordering: .sequentiallyConsistent), Date() < giveUp {
                    _ = try? model.query { _ in usleep(4_000) }
                }
                readers.running.subtract(1, ordering: .sequentiallyConsistent)
            }.start()
        }
        while readers.running.load(ordering: .sequentiallyConsistent) < 4 { usleep(1_000) }
        usleep(20_000)

        let took = ContinuousClock().measure { for event in script.events { model.apply(event) } }
        readers.stop.store(true, ordering: .sequentiallyConsistent)
        while readers.running.load(ordering: .sequentiallyConsistent) > 0 { usleep(1_000) }

        #expect(took < .milliseconds(1500), "20 events took \(took) under query load")
        #expect(model.read { $0.positions["feedback"] } == 20)
    }
}

import Bus
import Testing

@Suite("The event publisher's queue")
struct EventPublisherBoundTests {
    @Test("a publisher that cannot send holds at most its capacity and refuses the rest, saying so")
    func boundedQueue() async throws {
        let publisher = EventPublisher(endpoint: "nonsense://events", capacity: 16)
        var accepted = 0
        var refused: [EventPublisher.QueueFull] = []
        for sequence in 1...1_000 {
            let event = Event(
                service: "tickets", sequence: UInt64(sequence), type: "ticket.resolved", occurred_at_ms: 0,
                subject_id: "T-\(sequence)", payload: Array(repeating: 7, count: 1024))
            do {
                try publisher.publish(event)
                accepted += 1
            } catch let error as EventPublisher.QueueFull {
                refused.append(error)
            }
        }
        #expect(accepted == 16)
        #expect(refused.count == 984)
        #expect(publisher.queued == 16)
        #expect(refused.first?.description.contains("full") == true)
        let failure = await publisher.failed()
        #expect(failure?.description.hasPrefix("the event publisher failed: cannot connect") == true)
        await publisher.close()
    }
}

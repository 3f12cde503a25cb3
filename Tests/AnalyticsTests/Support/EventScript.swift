@testable import AnalyticsCore
import Bus
import Contract
import Domain
import Wire

/// A hand-written stream of events for one scenario, numbered per service from 1.
struct EventScript {
    private(set) var events: [Event] = []
    private var sequences: [String: UInt64] = [:]

    mutating func add(_ service: String, _ type: String, at: Int64, _ payload: some WireMessage) {
        let sequence = (sequences[service] ?? 0) + 1
        sequences[service] = sequence
        events.append(
            Event(
                service: service, sequence: sequence, type: type, occurred_at_ms: at, subject_id: "s",
                payload: try! payload.wireBytes()))
    }

    /// A survey answer credited to `agent`.
    mutating func answer(_ id: String, score: Int32, agent: String, at: Int64, country: String = "NL") {
        add(
            "feedback", "response.submitted", at: at,
            Feedback.ResponseSubmitted(
                response_id: id, score: score,
                attribution: Feedback.Attribution(agent_id: agent, channel: .phone, country: country),
                answered_at_ms: at))
    }

    /// A read model that has applied the script and serves queries.
    func model() -> AnalyticsReadModel {
        let model = AnalyticsReadModel()
        for event in events { model.apply(event) }
        model.markReady()
        return model
    }
}

/// What a subscriber hands its consumer.
public enum EventDelivery: Sendable, Equatable {
    /// The next event of its service, in order.
    case event(Event)
    /// Events `from...to` of `service` were not received (missed while not yet
    /// subscribed, dropped by a full buffer or high-water mark): replay them with
    /// the service's `Since(from - 1)` before trusting later state.
    case gap(service: String, from: UInt64, to: UInt64)
}

/// Checks each service's sequence numbers: in order passes, a jump is reported as a
/// gap before the event, a repeat or older number is dropped.
public struct GapDetector: Sendable {
    /// The last sequence seen (or replayed) per service.
    public private(set) var positions: [String: UInt64]

    /// - Parameter positions: per service, the last sequence already consumed (0: none).
    public init(positions: [String: UInt64] = [:]) {
        self.positions = positions
    }

    /// What to deliver for `event`: nothing (a duplicate), the event, or a gap then the event.
    public mutating func accept(_ event: Event) -> [EventDelivery] {
        let last = positions[event.service, default: 0]
        guard event.sequence > last else { return [] }
        positions[event.service] = event.sequence
        guard event.sequence > last + 1 else { return [.event(event)] }
        return [.gap(service: event.service, from: last + 1, to: event.sequence - 1), .event(event)]
    }

    /// Records that the consumer replayed `service` up to `sequence` by other means.
    public mutating func advance(_ service: String, to sequence: UInt64) {
        positions[service] = max(positions[service, default: 0], sequence)
    }
}

@testable import AnalyticsCore
import Bus
import Contract
import Domain
import Foundation

/// One generated world, applied to a read model once for all figure tests.
struct Fixture: Sendable {
    let generated: GeneratedEvents
    let model: AnalyticsReadModel
    var world: RawWorld { generated.world }
    var oracle: Oracle { Oracle(world: generated.world) }

    static let shared = Fixture(seed: 42)

    init(seed: UInt64, order: (GeneratedEvents) -> [Event] = { $0.all }) {
        generated = GeneratedEvents(seed: seed)
        model = AnalyticsReadModel()
        for event in order(generated) { model.apply(event) }
        model.markReady()
    }

    static let start = GeneratedEvents.start
    static let day = GeneratedEvents.day
    /// The moment open tickets are judged at: after every generated fact.
    static let now = start + 60 * day

    /// Windows that cover the month, a UTC week, an odd custom range in New York, and
    /// Amsterdam's 23-hour day (2026-03-29).
    static let spans: [Oracle.Span] = [
        .init(from: start - 3_600_000, to: start + 31 * day - 7_200_000, zone: "Europe/Amsterdam"),
        .init(from: start + 7 * day, to: start + 14 * day, zone: "UTC"),
        .init(from: start + 3 * day + 12_345, to: start + 20 * day + 999, zone: "America/New_York"),
        .init(from: start + 28 * day - 3_600_000, to: start + 29 * day - 7_200_000, zone: "Europe/Amsterdam"),
    ]

    static let filters: [Analytics.Filter?] = [
        nil,
        Analytics.Filter(countries: ["NL"], channels: [.email, .chat, .phone]),
        Analytics.Filter(employer_kinds: [.partner]),
        Analytics.Filter(team_ids: ["team-2", "team-3"], employer_ids: ["in-house", "partner-staffing"]),
    ]

    func query<T>(_ body: (borrowing ReadModelState) throws -> T) throws -> T { try model.query(body) }
}

/// Whether two optional doubles agree to 1e-9.
func close(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case let (a?, b?): abs(a - b) < 1e-9
    default: false
    }
}

/// Whether the keys are in strictly ascending order.
func ascending(_ keys: [[String]]) -> Bool {
    zip(keys, keys.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) }
}

import Bus
import Foundation

/// The worker's read model: `ReadModelState` behind a writer-preferring readers-writer
/// lock, so queries run side by side and an event waits for at most the queries already
/// running. Each query reads one consistent state, and reports that state's positions
/// as `as_of`.
package final class AnalyticsReadModel: @unchecked Sendable {
    private var state = ReadModelState()
    private let lock = ReadWriteLock()
    private var readyAtMs: Int64?
    /// Sources caught up and followed live.
    private var live: Set<String> = []
    let startedAtMs: Int64
    /// "now" for figures that age (oldest open follow-up) and default periods.
    let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - state: where to start, e.g. a loaded snapshot; empty by default.
    ///   - clock: "now" for figures that age.
    package init(state: ReadModelState = ReadModelState(), clock: @escaping @Sendable () -> Date = Date.init) {
        self.state = state
        self.clock = clock
        startedAtMs = clock().unixMs
    }

    /// A copy of the state as it is now, for a snapshot: taken under the read lock in
    /// constant time (the copy shares storage until the live state changes), so
    /// writing it out holds up neither queries nor events.
    package func copyState() -> ReadModelState {
        lock.withReadLock { state }
    }

    /// The last applied sequence per source.
    package var positions: [String: UInt64] { lock.withReadLock { state.positions } }

    /// Applies one event (the `EventFeed`'s apply).
    package func apply(_ event: Event) {
        write { $0.apply(event) }
    }

    /// Changes the state under the write lock.
    package func write<T>(_ body: (inout ReadModelState) throws -> T) rethrows -> T {
        try lock.withWriteLock { try body(&state) }
    }

    /// Reads the state under a read lock.
    package func read<T>(_ body: (borrowing ReadModelState) throws -> T) rethrows -> T {
        try lock.withReadLock { try body(state) }
    }

    /// Marks every source caught up: the worker may serve.
    package func markReady() {
        write { _ in
            readyAtMs = clock().unixMs
            live = Set(ReadModelState.sources)
        }
    }

    var isReady: Bool { read { _ in readyAtMs != nil } }
    var readyAt: Int64? { read { _ in readyAtMs } }
    func isLive(_ source: String) -> Bool { read { _ in live.contains(source) } }
}

extension Date {
    var unixMs: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
}

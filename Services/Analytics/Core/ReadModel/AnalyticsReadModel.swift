import Bus
import Foundation

/// The worker's read model: `ReadModelState` behind a readers-writer lock, so queries
/// run side by side while events wait their turn. Each query reads one consistent
/// state, and reports that state's positions as `as_of`.
package final class AnalyticsReadModel: @unchecked Sendable {
    private var state = ReadModelState()
    private var lock = pthread_rwlock_t()
    private var readyAtMs: Int64?
    /// Sources caught up and followed live.
    private var live: Set<String> = []
    let startedAtMs: Int64
    /// "now" for figures that age (oldest open follow-up) and default periods.
    let clock: @Sendable () -> Date

    package init(clock: @escaping @Sendable () -> Date = Date.init) {
        self.clock = clock
        startedAtMs = clock().unixMs
        pthread_rwlock_init(&lock, nil)
    }

    deinit { pthread_rwlock_destroy(&lock) }

    /// Applies one event (the `EventFeed`'s apply).
    package func apply(_ event: Event) {
        write { $0.apply(event) }
    }

    /// Changes the state under the write lock.
    package func write<T>(_ body: (inout ReadModelState) throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(&lock)
        defer { pthread_rwlock_unlock(&lock) }
        return try body(&state)
    }

    /// Reads the state under a read lock.
    package func read<T>(_ body: (borrowing ReadModelState) throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(&lock)
        defer { pthread_rwlock_unlock(&lock) }
        return try body(state)
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

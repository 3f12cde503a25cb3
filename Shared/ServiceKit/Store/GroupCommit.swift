import Bus
import Foundation
import Metrics
import Synchronization
import Wire

/// The store's one writer: writes queue here and are committed together, one
/// transaction (one fsync) for everything that queued while the previous commit ran.
///
/// A write that finds the writer idle starts it and commits at once; nothing waits
/// for company. Each write runs in its own savepoint, so one whose body throws
/// rolls back alone and gets its own error while its batch-mates commit. After the
/// COMMIT (`synchronous = FULL`) the batch's events go to `publish` in sequence
/// order, then every write is acknowledged; a failed COMMIT fails every write of
/// the batch and acknowledges none. Writes of one batch see each other's changes,
/// so a repeated idempotency key answers with the first reply.
///
/// Metrics: `glimlach_store_commits_total` and `glimlach_store_writes_total` by
/// `service` (their ratio is the writes per fsync).
///
/// Configuration keys: `GLIMLACH_WRITE_BATCH` (integer, default 64): at most this
/// many writes share one transaction; 1 commits every write on its own.
final class GroupCommit: Sendable {
    /// At most this many writes share one transaction.
    let batchLimit: Int

    private struct State {
        var queued: [QueuedWrite] = []
        var committing = false
        var statistics = WriteStatistics()
    }

    private let service: String
    private let run: @Sendable (@escaping @Sendable (any CommitSession) -> Void) -> Void
    private let publish: @Sendable ([Event]) -> Void
    private let state = Mutex(State())

    /// - Parameter run: runs its work on the store's one writing connection, later
    ///   and off the caller's thread (never two at once).
    init(
        service: String, run: @escaping @Sendable (@escaping @Sendable (any CommitSession) -> Void) -> Void,
        publish: @escaping @Sendable ([Event]) -> Void
    ) {
        self.service = service
        self.run = run
        self.publish = publish
        let configured = ProcessInfo.processInfo.environment["GLIMLACH_WRITE_BATCH"].flatMap(Int.init)
        batchLimit = max(configured ?? 64, 1)
    }

    var statistics: WriteStatistics {
        state.withLock { state in
            var statistics = state.statistics
            statistics.waiting = state.queued.count
            return statistics
        }
    }

    /// Runs `body` as one write of the next commit (see `QueuedWrite`) and returns
    /// its reply once that commit is durable.
    func write<Reply: WireMessage>(
        idempotencyKey: String?, method: String, now: Date, _ body: @escaping @Sendable (inout Change) throws -> Reply
    ) async throws -> Reply {
        let traceID = CallContext.current?.traceID
        let service = service
        return try await withCheckedThrowingContinuation { continuation in
            submit(
                QueuedWrite(
                    idempotencyKey: idempotencyKey, method: method,
                    change: { session in Change(session: session, service: service, now: now, traceID: traceID) },
                    body: body, continuation: continuation))
        }
    }

    /// Queues `write`; starts the writer when it is idle.
    func submit(_ write: QueuedWrite) {
        let start = state.withLock { state in
            state.queued.append(write)
            defer { state.committing = true }
            return !state.committing
        }
        if start { run { session in self.drain(session) } }
    }

    /// Commits batch after batch on the database's writer until the queue is empty.
    private func drain(_ session: any CommitSession) {
        while true {
            let batch = state.withLock { state in
                let batch = Array(state.queued.prefix(batchLimit))
                state.queued.removeFirst(batch.count)
                if batch.isEmpty { state.committing = false }
                return batch
            }
            if batch.isEmpty { return }
            commit(batch, in: session)
        }
    }

    /// One transaction for `batch`, then each write's acknowledgement or error.
    private func commit(_ batch: [QueuedWrite], in session: any CommitSession) {
        var outcomes: [Result<QueuedWrite.Applied, any Error>] = []
        outcomes.reserveCapacity(batch.count)
        do {
            try session.transaction {
                for write in batch {
                    do {
                        var applied: QueuedWrite.Applied?
                        try session.savepoint { applied = try write.apply(session) }
                        guard let applied else { preconditionFailure("a released savepoint has its write applied") }
                        outcomes.append(.success(applied))
                    } catch {
                        // The whole transaction was rolled back (SQLite's disk full or
                        // I/O error, a broken PostgreSQL connection): the batch cannot commit.
                        guard session.isInsideTransaction else { throw error }
                        outcomes.append(.failure(error))
                    }
                }
            }
        } catch {
            record(commits: 0, writes: 0, failed: batch.count)
            for (index, write) in batch.enumerated() {
                // A write whose own body threw keeps its error; the others get the commit's.
                if index < outcomes.count, case .failure(let own) = outcomes[index] {
                    write.fail(own)
                } else {
                    write.fail(error)
                }
            }
            return
        }
        let acknowledged = outcomes.count(where: { (try? $0.get()) != nil })
        record(commits: 1, writes: acknowledged, failed: batch.count - acknowledged)
        let events = outcomes.flatMap { (try? $0.get())?.events ?? [] }
        if !events.isEmpty { publish(events) }
        for (write, outcome) in zip(batch, outcomes) {
            switch outcome {
            case .success(let applied): applied.acknowledge()
            case .failure(let error): write.fail(error)
            }
        }
    }

    private func record(commits: Int, writes: Int, failed: Int) {
        state.withLock { state in
            state.statistics.commits += commits
            state.statistics.writes += writes
            state.statistics.failed += failed
        }
        if commits > 0 {
            Counter(label: "glimlach_store_commits_total", dimensions: [("service", service)]).increment(by: commits)
        }
        if writes > 0 {
            Counter(label: "glimlach_store_writes_total", dimensions: [("service", service)]).increment(by: writes)
        }
    }
}

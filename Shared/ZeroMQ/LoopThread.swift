import Foundation
import Synchronization

/// A dedicated thread for one poll loop, so no Swift concurrency thread ever blocks
/// in libzmq. `join()` lets async code wait for the loop to end without blocking.
/// A loop that cannot go on throws; the error is kept as `failure`.
public final class LoopThread: Sendable {
    private struct State {
        var finished = false
        var failure: (any Error)?
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Starts `body` on a new thread named `name`.
    public init(name: String, _ body: @escaping @Sendable () throws -> Void) {
        let thread = Thread {
            var failure: (any Error)?
            do { try body() } catch { failure = error }
            self.finish(failure)
        }
        thread.name = name
        thread.start()
    }

    private func finish(_ failure: (any Error)?) {
        let waiters = state.withLock { state in
            state.finished = true
            state.failure = failure
            defer { state.waiters = [:] }
            return state.waiters
        }
        waiters.values.forEach { $0.resume() }
    }

    /// Returns once the loop's body has returned.
    public func join() async {
        await withCheckedContinuation { continuation in
            let finished = state.withLock { state in
                if !state.finished {
                    state.waiters[state.nextWaiter] = continuation
                    state.nextWaiter += 1
                }
                return state.finished
            }
            if finished { continuation.resume() }
        }
    }

    /// Returns once the loop's body has returned or the calling task is cancelled.
    public func joinUnlessCancelled() async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.finished || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Whether the body has returned.
    public var isFinished: Bool { state.withLock { $0.finished } }

    /// What the body threw, once it has returned; nil while it runs or when it returned.
    public var failure: (any Error)? { state.withLock { $0.failure } }
}

import Foundation
import Synchronization

/// A dedicated thread for one poll loop, so no Swift concurrency thread ever blocks
/// in libzmq. `join()` lets async code wait for the loop to end without blocking.
public final class LoopThread: Sendable {
    private let state = Mutex<(finished: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Starts `body` on a new thread named `name`.
    public init(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            body()
            self.finish()
        }
        thread.name = name
        thread.start()
    }

    private func finish() {
        let waiters = state.withLock { state in
            state.finished = true
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// Returns once the loop's body has returned.
    public func join() async {
        await withCheckedContinuation { continuation in
            let finished = state.withLock { state in
                if !state.finished { state.waiters.append(continuation) }
                return state.finished
            }
            if finished { continuation.resume() }
        }
    }

    /// Whether the body has returned.
    public var isFinished: Bool { state.withLock { $0.finished } }
}

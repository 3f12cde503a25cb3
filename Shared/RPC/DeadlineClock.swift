import Foundation
import HeapModule

/// One thread that ends calls at their deadlines for the whole process: a call costs
/// an entry in a heap, not a task and a timer of its own (which cost a quarter of the
/// bus's calls per second).
final class DeadlineClock: @unchecked Sendable {
    static let shared = DeadlineClock()

    /// What happens at a deadline, run under the clock's lock: `finish` cannot return
    /// while it runs, so whatever it touches outlives it.
    typealias Expiry = @Sendable () -> Void

    private struct Entry: Comparable {
        let at: Int64
        let id: UInt64
        static func < (a: Entry, b: Entry) -> Bool { (a.at, a.id) < (b.at, b.id) }
    }

    // Everything below is guarded by `condition`'s lock.
    private let condition = NSCondition()
    private var deadlines = Heap<Entry>()
    /// The expiries still to run: a finished call's entry stays in `deadlines` until
    /// its time (or a rebuild), but its expiry is gone.
    private var expiries: [UInt64: (at: Int64, run: Expiry)] = [:]
    private var lastID: UInt64 = 0
    private var running = false

    /// Runs `expiry` at `deadline` (monotonic ms) unless the call finishes first.
    /// - Returns: the id to `finish` with.
    func schedule(at deadline: Int64, _ expiry: @escaping Expiry) -> UInt64 {
        condition.lock()
        defer { condition.unlock() }
        lastID += 1
        let entry = Entry(at: deadline, id: lastID)
        deadlines.insert(entry)
        expiries[lastID] = (deadline, expiry)
        if !running {
            running = true
            let thread = Thread { [self] in run() }
            thread.name = "rpc-deadlines"
            thread.start()
        } else if deadlines.min == entry {
            condition.signal()
        }
        return lastID
    }

    /// The call `id` is done.
    /// - Returns: whether its deadline came first (its expiry ran).
    func finish(_ id: UInt64) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let expired = expiries.removeValue(forKey: id) == nil
        // Finished calls' entries outnumber the waiting ones (long deadlines): rebuild.
        if deadlines.count > 2 * expiries.count + 1024 {
            deadlines = Heap(expiries.map { Entry(at: $0.value.at, id: $0.key) })
        }
        return expired
    }

    private func run() {
        condition.lock()
        while true {
            let now = monotonicMilliseconds()
            while let first = deadlines.min, first.at <= now {
                deadlines.removeMin()
                expiries.removeValue(forKey: first.id)?.run()
            }
            if let first = deadlines.min {
                _ = condition.wait(until: Date(timeIntervalSinceNow: Double(first.at - now) / 1000))
            } else {
                condition.wait()
            }
        }
    }
}

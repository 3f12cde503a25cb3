import Bus
import Foundation
import Wire

/// One write waiting for `GroupCommit`: what it does inside its savepoint, and how
/// its caller hears the outcome. Exactly one of `Applied.acknowledge` (after the
/// commit) and `fail` is called.
struct QueuedWrite: Sendable {
    /// What a write did in the open transaction: the events it recorded and how to
    /// acknowledge it once the transaction is durable.
    struct Applied {
        let events: [Event]
        let acknowledge: @Sendable () -> Void
    }

    /// Runs the write on the open transaction (inside its own savepoint).
    let apply: @Sendable (any CommitSession) throws -> Applied
    /// Tells the caller the write failed; nothing of it is committed.
    let fail: @Sendable (any Error) -> Void

    /// A write of `body` that answers `continuation`: with an idempotency key seen
    /// before for `method`, the first reply and no change; otherwise `body`'s reply,
    /// remembered under the key.
    init<Reply: WireMessage>(
        idempotencyKey: String?, method: String, change: @escaping @Sendable (any SQLSession) -> Change,
        body: @escaping @Sendable (inout Change) throws -> Reply,
        continuation: CheckedContinuation<Reply, any Error>
    ) {
        apply = { session in
            if let key = idempotencyKey,
                let earlier = try IdempotencyLedger.reply(in: session, method: method, key: key)
            {
                let reply = try Reply(wireBytes: earlier)
                return Applied(events: [], acknowledge: { continuation.resume(returning: reply) })
            }
            var recorded = change(session)
            let reply = try body(&recorded)
            if let key = idempotencyKey {
                try IdempotencyLedger.remember(in: session, method: method, key: key, reply: try reply.wireBytes())
            }
            return Applied(events: recorded.events, acknowledge: { continuation.resume(returning: reply) })
        }
        fail = { error in continuation.resume(throwing: error) }
    }
}

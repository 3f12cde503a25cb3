/// Ends a call when its deadline passes: the task serving it is cancelled (a store
/// query, a nested call or a sleep its handler awaits stops there) and the call
/// answers DEADLINE_EXCEEDED, so the transport frees its slot instead of letting the
/// handler run on for a caller that stopped waiting.
///
/// The handler runs in the serving task itself (no extra hop to the task pool); the
/// process's one `DeadlineClock` cancels that task at the deadline. A transport must therefore serve
/// each call in a task of its own (`BusWorker` and `InMemoryTransport` do).
public struct DeadlineInterceptor: ServerInterceptor {
    public init() {}

    public func intercept(_ call: ServerCall, next: @escaping ServerCall.Next) async throws -> [UInt8] {
        guard let deadline = call.context.deadline else { return try await next(call) }
        let remaining = deadline - monotonicMilliseconds()
        if remaining <= 0 { throw expired(call, "before it started") }
        // Cancelled only under the clock's lock and only while the handler runs, so
        // the task is alive whenever the clock touches it.
        nonisolated(unsafe) let serving = withUnsafeCurrentTask { $0 }
        let timer = DeadlineClock.shared.schedule(at: deadline) { serving?.cancel() }
        let reply: [UInt8]
        do { reply = try await next(call) } catch {
            if DeadlineClock.shared.finish(timer) {
                throw expired(call, "before it finished; its handler was cancelled")
            }
            throw error
        }
        if DeadlineClock.shared.finish(timer) { throw expired(call, "before it finished; its handler was cancelled") }
        return reply
    }

    private func expired(_ call: ServerCall, _ when: String) -> RPCError {
        RPCError(.deadlineExceeded, "\(call.service).\(call.method) reached its deadline \(when)")
    }
}

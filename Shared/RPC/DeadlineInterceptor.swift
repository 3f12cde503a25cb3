/// Ends a call when its deadline passes: the handler's task is cancelled (a store
/// query, a nested call or a sleep it awaits stops there) and the call answers
/// DEADLINE_EXCEEDED, so the transport frees its slot instead of letting the
/// handler run on for a caller that stopped waiting.
public struct DeadlineInterceptor: ServerInterceptor {
    public init() {}

    public func intercept(_ call: ServerCall, next: @escaping ServerCall.Next) async throws -> [UInt8] {
        guard let deadline = call.context.deadline else { return try await next(call) }
        if deadline <= monotonicMilliseconds() { throw expired(call, "before it started") }
        return try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask { try await next(call) }
            group.addTask {
                let remaining = deadline - monotonicMilliseconds()
                if remaining > 0 { try await Task.sleep(for: .milliseconds(remaining)) }
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let reply = first else {
                throw expired(call, "before it finished; its handler was cancelled")
            }
            return reply
        }
    }

    private func expired(_ call: ServerCall, _ when: String) -> RPCError {
        RPCError(.deadlineExceeded, "\(call.service).\(call.method) reached its deadline \(when)")
    }
}

/// What a handler knows about the call it serves, bound as a task-local while it
/// runs, so nested calls from the handler pass on the remaining budget and the
/// trace id without anyone threading them through.
public struct CallContext: Sendable {
    /// Monotonic milliseconds (see `monotonicMilliseconds()`) when the caller stops waiting.
    public let deadline: Int64?
    public let requestID: String
    public let traceID: String
    public let idempotencyKey: String?
    public let metadata: [String: String]

    public init(
        deadline: Int64?, requestID: String, traceID: String, idempotencyKey: String? = nil,
        metadata: [String: String] = [:]
    ) {
        self.deadline = deadline
        self.requestID = requestID
        self.traceID = traceID
        self.idempotencyKey = idempotencyKey
        self.metadata = metadata
    }

    /// Milliseconds left, or nil without a deadline.
    public var remainingMs: Int64? { deadline.map { $0 - monotonicMilliseconds() } }

    /// The context of the call the current task is serving, if any.
    @TaskLocal public static var current: CallContext?
}

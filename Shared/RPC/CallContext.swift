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
    /// The employee on whose behalf the call runs (`RequestHeader.acting_employee_id`),
    /// or nil for a call by a service or an operator. Services check their rights
    /// against it; nested calls carry it on.
    public let actor: String?

    public init(
        deadline: Int64?, requestID: String, traceID: String, idempotencyKey: String? = nil,
        metadata: [String: String] = [:], actor: String? = nil
    ) {
        self.deadline = deadline
        self.requestID = requestID
        self.traceID = traceID
        self.idempotencyKey = idempotencyKey
        self.metadata = metadata
        self.actor = actor
    }

    /// Milliseconds left, or nil without a deadline.
    public var remainingMs: Int64? { deadline.map { $0 - monotonicMilliseconds() } }

    /// The context of the call the current task is serving, if any.
    @TaskLocal public static var current: CallContext?
}

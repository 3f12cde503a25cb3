/// Per-call settings; unset ones come from the serving handler's `CallContext`
/// (for nested calls) or the client's defaults.
public struct CallOptions: Sendable {
    /// How long to wait for the reply. Capped by the budget left of an enclosing call.
    public var timeout: Duration?
    /// Creates with the same key return the first result and make nothing twice.
    public var idempotencyKey: String?
    public var traceID: String?
    public var metadata: [String: String]
    /// The employee the call acts for (the web front's signed-in person); unset: the
    /// enclosing call's, or none (a service or operator call).
    public var actor: String?

    public init(
        timeout: Duration? = nil, idempotencyKey: String? = nil, traceID: String? = nil,
        metadata: [String: String] = [:], actor: String? = nil
    ) {
        self.timeout = timeout
        self.idempotencyKey = idempotencyKey
        self.traceID = traceID
        self.metadata = metadata
        self.actor = actor
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a tiny timeout is not zero.
    package var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    }
}

/// Why a poll loop ended by itself rather than because it was stopped. A service
/// that owns the loop throws it, so the process ends instead of answering nothing.
public struct LoopFailure: Error, CustomStringConvertible {
    /// The loop, e.g. "the bus worker for staff".
    public let loop: String
    /// What went wrong, e.g. the libzmq error.
    public let reason: String

    public init(loop: String, reason: String) {
        self.loop = loop
        self.reason = reason
    }

    /// "the bus worker for staff failed: connect: Protocol not supported".
    public var description: String { "\(loop) failed: \(reason)" }
}

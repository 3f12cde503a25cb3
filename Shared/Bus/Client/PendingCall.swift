import ZeroMQ

/// A request the client sent and waits on; owned by the client's loop thread.
struct PendingCall: Sendable {
    enum Kind: Sendable {
        /// RPC: the reply is `[ReplyHeader, payload]`, matched by request id.
        case rpc
        /// `mmi.*` discovery: the reply is one status frame, answered in order.
        case mmi
    }

    let id: String
    let kind: Kind
    let description: String
    let frames: Multipart
    let deadline: Int64
    /// Safe to send again (an idempotent method, or one with an idempotency key): with
    /// several brokers, a call whose connection broke goes out again on another.
    var resendable = false
    let continuation: CheckedContinuation<[UInt8], any Error>
}

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
    let continuation: CheckedContinuation<[UInt8], any Error>
}

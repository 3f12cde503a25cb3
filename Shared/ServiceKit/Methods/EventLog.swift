import Bus

/// A service's committed events, as Health (`last_sequence`) and Since read them.
public protocol EventLog: Sendable {
    /// The committed events after `request.after_sequence`, a page at a time.
    func since(_ request: SinceRequest) async throws -> SinceReply
    /// The sequence number of the last committed event (0: none yet).
    func lastSequence() async throws -> UInt64
}

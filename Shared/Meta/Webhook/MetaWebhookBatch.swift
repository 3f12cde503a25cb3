/// What one webhook delivery carried: the customers' messages and the status updates of
/// messages we sent.
public struct MetaWebhookBatch: Hashable, Sendable {
    /// The customers' messages, in the order Meta listed them.
    public var messages: [InboundSocialMessage]
    /// Status updates of our messages, in the order Meta listed them.
    public var statuses: [SocialDeliveryStatus]

    /// A batch.
    ///
    /// - Parameters:
    ///   - messages: The customers' messages.
    ///   - statuses: The status updates.
    public init(messages: [InboundSocialMessage] = [], statuses: [SocialDeliveryStatus] = []) {
        self.messages = messages
        self.statuses = statuses
    }

    /// Nothing to pass on: only echoes, receipts or events of other kinds.
    public var isEmpty: Bool { messages.isEmpty && statuses.isEmpty }
}
